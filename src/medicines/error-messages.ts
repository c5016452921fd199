import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import type { MedicinesErrorCode } from './medicines.exception';

// The medicines referential's problem details, by code: French (the default) and English, from their
// parameters. The referential commands print the English one (`message`).

/** Why a downloaded file is not a BDPM file, in French and English. */
const NOT_BDPM = {
  empty: () => ['fichier vide', 'empty file'],
  html: () => ['une page HTML, pas un fichier de la BDPM', 'an HTML page, not a BDPM file'],
  layout: (file: string) => [`ne commence pas comme ${file}`, `does not start as ${file} does`],
} as const;

export const MEDICINES_DETAILS = {
  REFERENTIAL_FILES_MISSING: {
    unreadableDirectory: msg(
      (p: { dir: string }) => `Impossible de lire le dossier ${p.dir}`,
      (p) => `cannot read directory ${p.dir}`,
    ),
    missing: msg(
      (p: { dir: string; missing: string[] }) => `Fichiers absents de ${p.dir} : ${p.missing.join(', ')}`,
      (p) => `missing in ${p.dir}: ${p.missing.join(', ')}`,
    ),
  },
  REFERENTIAL_IMPORT_INVALID: {
    noUsableRow: msg(
      (p: { file: string }) => `Aucune ligne utilisable dans ${p.file} ; la version active est conservée`,
      (p) => `no usable row in ${p.file}; the active version is kept`,
    ),
  },
  REFERENTIAL_IMPORT_FAILED: {
    write: msg(
      (_p: { why: string }) =>
        "L'écriture du référentiel a échoué (disque plein, base verrouillée…) ; la version précédente reste active",
      (p) => `writing the referential failed: ${p.why}`,
    ),
  },
  REFERENTIAL_DOWNLOAD_FAILED: {
    unreachable: msg(
      (p: { url: string; timeout: boolean; why: string }) =>
        `${p.url} : ${p.timeout ? 'pas de réponse à temps' : `injoignable (${p.why})`}`,
      (p) => `${p.url}: ${p.timeout ? 'no answer in time' : p.why}`,
    ),
    httpStatus: msg(
      (p: { url: string; status: number }) => `${p.url} a répondu HTTP ${p.status}`,
      (p) => `${p.url} answered HTTP ${p.status}`,
    ),
  },
  REFERENTIAL_DOWNLOAD_INVALID: {
    notBdpm: msg(
      (p: { url: string; file: string; reason: keyof typeof NOT_BDPM }) =>
        `${p.url} : ${NOT_BDPM[p.reason](p.file)[0]} ; rien n'a été importé`,
      (p) => `${p.url}: ${NOT_BDPM[p.reason](p.file)[1]}; nothing was imported`,
    ),
  },
  REFERENTIAL_NOT_LOADED: {
    noVersion: msg(
      "Aucune version du référentiel des médicaments n'est active",
      'no medicines referential version is active',
    ),
  },
  DC_QUERY_INVALID: {
    noSubstance: msg('Aucune substance dans la ligne en DC', 'no substance in the DC query'),
    strength: msg(
      (p: { strength: string }) => `Dosage « ${p.strength} » illisible`,
      (p) => `strength "${p.strength}" is unreadable`,
    ),
    amounts: msg(
      (p: { strength: string; substances: number }) =>
        `Le dosage « ${p.strength} » ne donne pas une quantité par substance (${p.substances})`,
      (p) => `strength "${p.strength}" does not give one amount per substance (${p.substances})`,
    ),
  },
} satisfies ErrorDetails<MedicinesErrorCode>;
