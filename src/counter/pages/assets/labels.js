// French labels for the API's enums (API.md).

export const LINE_STATUS = {
  pending: 'À servir',
  matched: 'Complète',
  substituted: 'Substituée',
  partial: 'Partielle',
  over: 'Excédent',
  mismatch: 'Non conforme',
  'not-delivered': 'Non délivrée',
  blocked: 'Bloquée',
};

export const DISPENSATION_STATUS = {
  open: 'En cours',
  validated: 'Validée — envoi en cours',
  acknowledged: 'Validée — accusé de réception reçu',
  invoiced: 'Facturée',
  rejected: 'Rejetée',
  cancelled: 'Annulée',
};

export const SEVERITY = { blocking: 'Bloquant', warning: 'Avertissement', info: 'Information' };

export const NON_DELIVERY_REASONS = {
  'out-of-stock': 'Rupture de stock',
  'refused-by-patient': 'Refus du patient',
  'not-needed': 'Non nécessaire',
  'condition-not-met': 'Condition non remplie',
  other: 'Autre motif',
};

export const AGREEMENT_CHANNELS = {
  phone: 'Téléphone',
  'secure-messaging': 'Messagerie sécurisée',
  'in-person': 'En personne',
  other: 'Autre',
};

export const SCAN_KIND = {
  'prescription-qr': 'QR code d’ordonnance',
  'prescription-id': 'Numéro d’ordonnance',
  pack: 'Boîte (DataMatrix)',
  'product-code': 'Code produit',
  ins: 'DataMatrix INS',
  apcv: 'Carte Vitale (application)',
};

export const REJECTION_STATUS = { new: 'Nouveau', 'in-progress': 'En cours', resolved: 'Résolu' };

export const SUGGESTED_ACTION = {
  'resend-execution': 'Renvoyer l’exécution',
  'correct-and-reinvoice': 'Corriger et refacturer',
  'send-reconstitution-scor': 'Envoyer la reconstitution (SCOR)',
};

export const PRESCRIPTION_STATUS = {
  retrieved: 'Récupérées',
  'in-dispensation': 'En délivrance',
  validated: 'Validées',
  acknowledged: 'Acquittées',
  invoiced: 'Facturées',
  rejected: 'Rejetées',
  parked: 'En attente (erreur)',
};

/** Issue codes of API.md / docs/errors.md; the server's message (English, with the figures) follows. */
export const ISSUE = {
  NS_SUBSTITUTION_FORBIDDEN: 'Substitution interdite (non substituable)',
  NOT_SAME_GENERIC_GROUP: 'Hors du groupe générique',
  PRODUCT_MISMATCH: 'Produit non conforme à la prescription',
  QUANTITY_EXCEEDS_PRESCRIPTION: 'Quantité supérieure à la prescription',
  PACK_EXPIRED: 'Boîte périmée',
  SERIAL_ALREADY_SCANNED: 'Numéro de série déjà scanné',
  PRESCRIPTION_EXPIRED: 'Ordonnance expirée',
  RENEWAL_TOO_EARLY: 'Renouvellement trop précoce',
  CONDITION_NOT_MET: 'Condition de délivrance non remplie',
  NARCOTIC_PRESENTATION_LATE: 'Stupéfiant présenté hors délai',
  DELIVERY_CAP_EXCEEDED: 'Plafond de délivrance dépassé',
  PATIENT_MISMATCH: 'Patient différent de celui de l’ordonnance',
  QR_DATA_MISMATCH: 'Données du QR code incohérentes',
  LINE_NOT_ADDRESSED: 'Ligne non traitée',
  PRODUCT_NOT_IN_REFERENTIAL: 'Produit absent du référentiel',
  PACK_UNITS_UNKNOWN: 'Contenance de la boîte inconnue',
  PRODUCT_UNAVAILABLE_NOTICE: 'Produit signalé indisponible',
  OUT_OF_ON_SCOPE: 'Hors ordonnance numérique',
  PARTIAL_DELIVERY: 'Délivrance partielle',
  PRESCRIPTION_FULLY_EXECUTED: 'Ordonnance déjà entièrement délivrée',
  PRESCRIPTION_CANCELLED: 'Ordonnance annulée',
  RENEWAL_NOT_ALLOWED: 'Stupéfiant non renouvelable',
  PRESCRIPTION_LIMIT_EXCEEDED: 'Durée de prescription limitée dépassée',
  OVERLAP_FORBIDDEN: 'Chevauchement interdit',
  OVERLAP_UNKNOWN: 'Chevauchement non vérifiable',
  HOSPITAL_ONLY: 'Réservé à l’usage hospitalier',
  SPECIALIST_PRESCRIPTION_REQUIRED: 'Prescription réservée à des spécialistes',
  SECURE_PRESCRIPTION_REQUIRED: 'Ordonnance sécurisée requise',
  TRANSCRIPTION_DIFFERS: 'Transcription différente de l’ordonnance',
  SMALLER_PACK_DUE: 'Conditionnement plus petit attendu',
  DELIVERY_ROUNDED_UP: 'Une boîte au-delà de la limite (plus petit conditionnement)',
  FORM_IMPLIED: 'Forme déduite (toutes les présentations sont ainsi)',
  LARGE_PACK_DUE: 'Grand conditionnement attendu',
};
