/** The one-word notices a workspace page shows after a redirect (`?flash=saved`), each a `cocreation.flash.*` key. */
export type FlashKey = 'saved' | 'submitted' | 'reviewed' | 'created' | 'challengeSaved' | 'published' | 'posted' | 'moved' | 'profileSaved';
export const FLASHES: readonly FlashKey[] = ['saved', 'submitted', 'reviewed', 'created', 'challengeSaved', 'published', 'posted', 'moved', 'profileSaved'];
