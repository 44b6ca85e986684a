/** The account every DIA simulator is seeded with (no real DIA values). */
export const DIA_DEMO = Object.freeze({
  /** Server code for `createDiaClient({ server })`; the sandbox serves it under its own base URL. */
  server: 'demo',
  username: 'ws',
  password: 'Dia-Demo-Parola-2026',
  apiKey: 'demo-apikey-6f1c9a2e7b4d4c1e',
  /** Internal company and period codes the demo data lives in. */
  firmaKodu: 1,
  donemKodu: 1,
  /** Services the demo user holds permissions for. */
  permissions: Object.freeze(['sis_kontor_sorgula', 'scf_fatura_listele', 'scf_carikart_listele']),
});
