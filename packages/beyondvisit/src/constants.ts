/** Production host. The provider's document shows `http://`; the client uses https unless told otherwise. */
export const BEYONDVISIT_BASE_URL = 'https://panel.beyondvisit.com';
