import type { ErrorDetails } from '../core/errors/comptoir.exception';
import { msg } from '../core/i18n/messages';
import type { ScanErrorCode } from './scan.exception';

// The scan stage's problem details, by code: French (the default) and English, built from their
// parameters. They never echo the scanned data (it may be personal), only positions, lengths and AIs.

/** The INS DataMatrix fields (parsers/ins.parser.ts), as each language names them. */
export const INS_FIELDS = {
  S1: ['S1 matricule', 'S1 matricule'],
  S2: ['S2 OID', 'S2 OID'],
  S3: ['S3 prénoms', 'S3 first names'],
  S4: ['S4 nom de naissance', 'S4 birth name'],
  S5: ['S5 sexe', 'S5 sex'],
  S6: ['S6 date de naissance', 'S6 birth date'],
  S7: ['S7 lieu de naissance', 'S7 birthplace'],
} as const;
export type InsField = keyof typeof INS_FIELDS;

export const SCAN_DETAILS = {
  GS1_CHECK_DIGIT: {
    wrong: msg(
      (p: { ai: string }) => `AI (${p.ai}) : chiffre de contrôle erroné`,
      (p) => `AI (${p.ai}): wrong check digit`,
    ),
  },
  GS1_MALFORMED: {
    length: msg(
      (p: { ai: string; length: number; min: number; max: number }) =>
        `AI (${p.ai}) : ${p.length} caractères, il en faut de ${p.min} à ${p.max}`,
      (p) => `AI (${p.ai}): length ${p.length}, expected ${p.min}..${p.max}`,
    ),
    tooShort: msg(
      (p: { ai: string }) => `AI (${p.ai}) : valeur trop courte`,
      (p) => `AI (${p.ai}): value too short`,
    ),
    tooLong: msg(
      (p: { ai: string }) => `AI (${p.ai}) : valeur trop longue`,
      (p) => `AI (${p.ai}): value too long`,
    ),
    charset: msg(
      (p: { ai: string; type: string }) => `AI (${p.ai}) : caractère interdit pour le type ${p.type}`,
      (p) => `AI (${p.ai}): invalid character for type ${p.type}`,
    ),
    date: msg(
      (p: { ai: string; date: string }) => `AI (${p.ai}) : date impossible ${p.date}`,
      (p) => `AI (${p.ai}): invalid date ${p.date}`,
    ),
    expiry: msg(
      (p: { date: string }) => `Date de péremption impossible ${p.date}`,
      (p) => `invalid expiry date ${p.date}`,
    ),
    tooManyElements: msg("Trop d'éléments dans le code GS1", 'too many elements'),
    empty: msg('Code GS1 vide', 'empty element string'),
    unknownAiAt: msg(
      (p: { offset: number; shown: string }) => `AI inconnu ou absent à la position ${p.offset} : ${p.shown}`,
      (p) => `unknown or missing AI at offset ${p.offset}: ${p.shown}`,
    ),
    unknownAi: msg(
      (p: { ai: string }) => `AI inconnu (${p.ai})`,
      (p) => `unknown AI (${p.ai})`,
    ),
    humanReadable: msg(
      'La forme lisible doit commencer par un (AI)',
      'human-readable form must start with (AI)',
    ),
    twice: msg(
      (p: { ai: string }) => `AI (${p.ai}) présent deux fois avec des valeurs différentes`,
      (p) => `AI (${p.ai}) twice with different values`,
    ),
    noGtin: msg('Pas de GTIN (01) dans le code GS1', 'no GTIN (01) in the element string'),
    ambiguous: msg(
      'Code GS1 sans séparateurs : plusieurs lectures sont possibles',
      'element string without separators is ambiguous',
    ),
  },
  EAN_CHECK_DIGIT: {
    wrong: msg(
      (p: { code: string }) => `Clé de contrôle EAN-13 erronée dans ${p.code}`,
      (p) => `wrong EAN-13 check digit in ${p.code}`,
    ),
  },
  QR_MALFORMED: {
    notObject: msg("Ce n'est pas un objet JSON", 'not a JSON object'),
    tooDeep: msg(
      (p: { max: number }) => `JSON imbriqué sur plus de ${p.max} niveaux`,
      (p) => `JSON nested deeper than ${p.max}`,
    ),
    invalidJson: msg('JSON invalide', 'invalid JSON'),
    unsafeText: msg(
      'Caractère de contrôle, bidirectionnel ou de largeur nulle dans une valeur',
      'control, bidi or zero-width character in a value',
    ),
    mustBeObject: msg(
      (p: { path: string }) => `${p.path} doit être un objet`,
      (p) => `${p.path} must be an object`,
    ),
    mustBeString: msg(
      (p: { path: string }) => `${p.path} doit être une chaîne de caractères`,
      (p) => `${p.path} must be a string`,
    ),
    invalidValue: msg(
      (p: { path: string }) => `${p.path} : valeur invalide`,
      (p) => `${p.path} is not a valid value`,
    ),
    invalidIdentifier: msg(
      (p: { path: string }) => `${p.path} : identifiant invalide`,
      (p) => `${p.path} is not a valid identifier`,
    ),
    version: msg('S.V doit être un numéro de version', 'S.V must be a version number'),
    prescriptionId: msg(
      'D.ID doit compter de 10 à 40 lettres ou chiffres',
      'D.ID must be 10–40 letters or digits',
    ),
    birthDate: msg('D.P.D doit être une date AAAA-MM-JJ', 'D.P.D must be a YYYY-MM-DD date'),
    rppsRequired: msg('D.M.RPPS est obligatoire', 'D.M.RPPS is required'),
  },
  INS_MALFORMED: {
    fieldLength: msg(
      (p: { field: InsField; length: number }) =>
        `${INS_FIELDS[p.field][0]} : ${p.length} caractères attendus`,
      (p) => `${INS_FIELDS[p.field][1]}: expected ${p.length} characters`,
    ),
    fieldNotEnded: msg(
      (p: { field: InsField }) => `${INS_FIELDS[p.field][0]} : absent ou non terminé par GS`,
      (p) => `${INS_FIELDS[p.field][1]}: missing or not ended by GS`,
    ),
    trailingData: msg('Données en trop après le lieu de naissance', 'unexpected data after the birthplace'),
    noHeader: msg("Pas d'en-tête INS", 'no INS header'),
    version: msg(
      (p: { version: string }) => `Version de DataMatrix INS non prise en charge : ${p.version}`,
      (p) => `unsupported INS DataMatrix version ${p.version}`,
    ),
    reservedZone: msg(
      "La zone réservée de l'en-tête n'est pas faite de 22 zéros",
      'header reserved zone is not 22 zeros',
    ),
    notNir: msg("S1 n'est ni un NIR ni un NIA", 'S1 is not a NIR/NIA'),
    nirKey: msg('S1 : clé du NIR erronée', 'S1 NIR key is wrong'),
    oid: msg("S2 n'est pas un OID", 'S2 is not an OID'),
    names: msg(
      "S3/S4 : lettres majuscules, espace, - ou ' seulement",
      "S3/S4 must be upper-case letters, space, - or '",
    ),
    sex: msg('S5 : le sexe vaut F ou M', 'S5 sex must be F or M'),
    birthDate: msg(
      'S6 : la date de naissance doit être une vraie date JJ-MM-AAAA',
      'S6 birth date must be a real JJ-MM-AAAA date',
    ),
    birthPlace: msg("S7 n'est pas un code INSEE", 'S7 is not an INSEE code'),
  },
  UNKNOWN_CODE: {
    empty: msg('Lecture vide', 'empty scan'),
    unrecognised: msg(
      (p: { length: number }) => `Code non reconnu de ${p.length} caractères`,
      (p) => `unrecognised code of ${p.length} characters`,
    ),
    productCodeLength: msg(
      'Un code produit compte 13 chiffres (EAN-13) ou 7 (CIP7)',
      'a product code has 13 (EAN-13) or 7 (CIP7) digits',
    ),
    notPrescriptionId: msg("Ce n'est pas un numéro d'ordonnance", 'not a prescription ID'),
    notApcv: msg("Ce n'est pas un code apCV", 'not an apCV code'),
    apcvControl: msg('Caractère de contrôle dans un code apCV', 'control character in an apCV code'),
  },
  SCAN_TOO_LARGE: {
    over: msg(
      (p: { length?: number; max: number }) =>
        p.length === undefined
          ? `Lecture de plus de ${p.max} caractères`
          : `Lecture de ${p.length} caractères, au-delà de ${p.max}`,
      (p) =>
        p.length === undefined
          ? `scan data over ${p.max} characters`
          : `scan data is ${p.length} characters, over ${p.max}`,
    ),
  },
  SCAN_ENCODING_INVALID: {
    base64: msg('Les données ne sont pas du base64 valide', 'data is not valid base64'),
  },
  NO_CODE_FOUND: {
    none: msg("Aucun QR code ni DataMatrix dans l'image", 'no QR code or DataMatrix in the image'),
    timedOut: msg(
      (p: { ms: number }) => `Aucun QR code ni DataMatrix lu en ${p.ms} ms`,
      (p) => `no QR code or DataMatrix read within ${p.ms} ms`,
    ),
  },
  IMAGE_UNREADABLE: {
    empty: msg('Le corps de la requête est vide', 'the body is empty'),
    notImage: msg(
      (p: { declared: string }) =>
        `Le fichier (déclaré ${p.declared}) n'est ni un PNG, ni un JPEG, ni un PDF`,
      (p) => `the body (declared ${p.declared}) is not a PNG, JPEG or PDF`,
    ),
    stopping: msg("Le service s'arrête", 'service stopping'),
    cannotDecode: msg("L'image ne peut pas être décodée", 'image cannot be decoded'),
    workerStopped: msg("Le lecteur d'images s'est arrêté", 'image worker stopped'),
    pngHeader: msg('PNG sans en-tête IHDR', 'PNG without IHDR'),
    pngColourType: msg(
      (p: { type: number }) => `Type de couleur PNG ${p.type} inexistant`,
      (p) => `PNG colour type ${p.type} does not exist`,
    ),
    jpegMarker: msg('Marqueur JPEG attendu', 'JPEG marker expected'),
    jpegFrame: msg("JPEG sans en-tête d'image", 'JPEG without a frame header'),
    noPixels: msg(
      (p: { format: string; width: number; height: number }) =>
        `${p.format.toUpperCase()} de ${p.width}×${p.height} pixels`,
      (p) => `${p.format.toUpperCase()} of ${p.width}×${p.height} pixels`,
    ),
    corrupt: msg(
      (p: { format: string; why?: string }) => `${p.format.toUpperCase()} corrompu`,
      (p) => `${p.format.toUpperCase()} data is corrupt${p.why ? `: ${p.why}` : ''}`,
    ),
    rendererOutput: msg(
      "La sortie du rendu PDF n'est pas une image PGM 8 bits",
      'renderer output is not an 8-bit PGM',
    ),
    rendererTruncated: msg('La sortie du rendu PDF est tronquée', 'renderer output is truncated'),
    toolTimeout: msg(
      (p: { tool: string; ms: number }) => `${p.tool} n'a pas fini en ${p.ms} ms`,
      (p) => `${p.tool} did not finish within ${p.ms} ms`,
    ),
    toolOutput: msg(
      (p: { tool: string; bytes: number }) => `La sortie de ${p.tool} dépasse ${p.bytes} octets`,
      (p) => `${p.tool} output exceeds ${p.bytes} bytes`,
    ),
    toolStart: msg(
      (p: { tool: string; why: string }) => `${p.tool} n'a pas pu démarrer`,
      (p) => `${p.tool} failed to start: ${p.why}`,
    ),
    pdf: msg(
      (_p: { why: string }) => 'PDF illisible (abîmé ou protégé par un mot de passe)',
      (p) => `PDF cannot be read: ${p.why}`,
    ),
    pdfNoPage: msg("Le PDF n'a aucune page", 'PDF has no page'),
    pdfPageSizes: msg('Les dimensions des pages du PDF sont illisibles', 'PDF page sizes cannot be read'),
  },
  IMAGE_TOO_LARGE: {
    pixels: msg(
      (p: { width: number; height: number; maxMegapixels: string }) =>
        `${p.width}×${p.height} pixels dépassent la limite de ${p.maxMegapixels} mégapixels`,
      (p) => `${p.width}×${p.height} pixels is over the limit of ${p.maxMegapixels} megapixels`,
    ),
    decoded: msg(
      (p: { width: number; height: number; channels: number; bits: number; mb: number; maxMb: number }) =>
        `${p.width}×${p.height} pixels de ${p.channels} × ${p.bits} bits occupent ${p.mb} Mo une fois ` +
        `décodés, au-delà de la limite de ${p.maxMb} Mo`,
      (p) =>
        `${p.width}×${p.height} pixels of ${p.channels} × ${p.bits}-bit samples decode to ` +
        `${p.mb} MB, over the limit of ${p.maxMb} MB`,
    ),
    pdfPages: msg(
      (p: { pages: number; max: number }) => `Le PDF a ${p.pages} pages ; au plus ${p.max} sont lues`,
      (p) => `PDF has ${p.pages} pages; at most ${p.max} are read`,
    ),
  },
  IMAGE_RENDERER_UNAVAILABLE: {
    notInstalled: msg(
      (p: { tool: string }) => `${p.tool} n'est pas installé (paquet Debian poppler-utils)`,
      (p) => `${p.tool} is not installed (Debian poppler-utils)`,
    ),
  },
  IMAGE_BUSY: {
    busy: msg(
      "Trop d'images en cours de lecture : réessayez dans quelques secondes",
      'too many pictures being read: try again in a few seconds',
    ),
  },
  VALIDATION_FAILED: {
    formField: msg(
      (p: { name: string }) => `Champ de formulaire inconnu : ${p.name}`,
      (p) => `multipart body: unknown form field ${p.name}`,
    ),
    fileCount: msg(
      (p: { count: number }) => `Il faut un seul fichier dans le formulaire, il y en a ${p.count}`,
      (p) => `multipart body: expected one file part, got ${p.count}`,
    ),
    formTerminal: msg(
      'Le champ terminalId du formulaire est invalide',
      'multipart body: terminalId is invalid',
    ),
    formTerminalDiffers: msg(
      'terminalId diffère entre la requête et le formulaire',
      'multipart body: terminalId differs between the query and the form',
    ),
    tooManyParts: msg(
      (p: { max: number }) => `Le formulaire a plus de ${p.max} parties`,
      (p) => `multipart body: more than ${p.max} parts`,
    ),
    multipart: msg(
      (_p: { why: string }) => 'Corps multipart illisible',
      (p) => `multipart body: ${p.why}`,
    ),
  },
  UNSUPPORTED_MEDIA_TYPE: {
    image: msg(
      (p: { mediaType: string }) =>
        `${p.mediaType || 'Aucun type de contenu'} : envoyez image/png, image/jpeg, application/pdf ou multipart/form-data`,
      (p) =>
        `${p.mediaType || 'no content type'}: send image/png, image/jpeg, application/pdf or multipart/form-data`,
    ),
    filePart: msg(
      (p: { mediaType: string }) => `Le fichier de type ${p.mediaType} n'est ni une image ni un PDF`,
      (p) => `file part of type ${p.mediaType} is not an image or a PDF`,
    ),
  },
} satisfies ErrorDetails<ScanErrorCode>;
