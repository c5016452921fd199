/** Routing warning: a pack or INS scanned on a terminal with no open dispensation (kept as a scan, added nowhere). */
export const NO_OPEN_DISPENSATION = 'NO_OPEN_DISPENSATION';

/** Scan warning: an apCV QR needs the SESAM-Vitale component, which no vendor has plugged in here. */
export const SESAM_VITALE_NOT_CONFIGURED = 'SESAM_VITALE_NOT_CONFIGURED';
