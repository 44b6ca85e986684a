/** A seeded user of the simulator. */
export interface BeyondVisitDemoUser {
  readonly userToken: string;
  readonly userCode: string;
  readonly name: string;
  readonly surname: string;
  readonly email: string;
  readonly site: string;
}

/**
 * The partner and users every simulator knows unless created with `includeDemo: false`.
 * Not real credentials: they only work against the simulator and the sandbox.
 */
export const BEYONDVISIT_DEMO: Readonly<{
  apiKey: string;
  secretKey: string;
  /** userToken of the first demo user (Ayşe Yılmaz). */
  userToken: string;
  users: readonly BeyondVisitDemoUser[];
}> = Object.freeze({
  apiKey: 'demo-beyondvisit-api-key',
  secretKey: 'demo-beyondvisit-secret-key',
  userToken: '5f2b7c0e9a1d4e3f8b6a2c1d0e9f8a7b',
  users: Object.freeze([
    Object.freeze({
      userToken: '5f2b7c0e9a1d4e3f8b6a2c1d0e9f8a7b',
      userCode: 'bvdemo0001',
      name: 'Ayşe',
      surname: 'Yılmaz',
      email: 'ayse.yilmaz@example.com.tr',
      site: 'https://www.example.com.tr',
    }),
    Object.freeze({
      userToken: 'c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9',
      userCode: 'bvdemo0002',
      name: 'Mehmet',
      surname: 'Öztürk',
      email: 'mehmet.ozturk@example.com.tr',
      site: 'http://magaza.example.com.tr',
    }),
  ]),
});
