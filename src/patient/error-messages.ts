import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import type { PatientErrorCode } from './patient.exception';

// The patient stage's problem details, by code: French (the default) and English, from their parameters.

export const PATIENT_DETAILS = {
  CARD_ABSENT: {
    noCard: msg(
      (p: { terminalId: string }) => `Aucune carte dans le lecteur du poste ${p.terminalId}`,
      (p) => `no card in the reader of ${p.terminalId}`,
    ),
  },
  CARD_READER_UNKNOWN: {
    noReader: msg(
      (p: { terminalId: string }) => `Aucun lecteur de carte sur le poste ${p.terminalId}`,
      (p) => `no card reader on terminal ${p.terminalId}`,
    ),
  },
  CARD_EXCHANGE_FAILED: {
    failed: msg(
      (p: { code: string }) =>
        `L'échange avec la carte a échoué (${p.code}) : la carte a-t-elle été retirée ?`,
      (p) => `the card exchange failed: ${p.code}`,
    ),
  },
  CARD_DATA_INVALID: {
    notJson: msg(
      'Les données valent « remove », « demo » ou une carte en JSON',
      'data is remove, demo or a card as JSON',
    ),
    holder: msg(
      'Une carte a un titulaire {lastName, firstNames[], birthDate}',
      'a card needs holder {lastName, firstNames[], birthDate}',
    ),
  },
} satisfies ErrorDetails<PatientErrorCode>;
