import type { ProviderManifest } from '@sso/core/simulator';
import type { SandboxLink } from '../types.js';

/** The manifest's browser pages as index-page links under the provider's mount (`/{id}/…`). */
export function pageLinks(manifest: ProviderManifest): SandboxLink[] {
  return manifest.pages.map((page) => ({
    label: page.label,
    href: `/${manifest.id}/${page.path}`,
    ...(page.note !== undefined ? { note: page.note } : {}),
  }));
}
