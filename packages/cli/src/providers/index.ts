import type { ProviderSpec } from '../framework.js';
import { beyondvisit } from './beyondvisit.js';
import { dia } from './dia.js';
import { euromsg } from './euromsg.js';
import { faxmax } from './faxmax.js';
import { gittigidiyor } from './gittigidiyor.js';

/** The providers in the order `sso --help` lists them. */
export const PROVIDERS: ProviderSpec[] = [beyondvisit, faxmax, euromsg, gittigidiyor, dia];
