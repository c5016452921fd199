// French labels for what the API says in codes and enums (API.md, docs/errors.md). The pages never show a raw
// code: src/counter/pages/page-labels.spec.ts fails when an issue code or an error code has no label here.

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
  abandoned: 'Abandonnée',
  paper: 'Facturée sur papier (SCOR)',
};

/** The prescription's own state at the teleservice (API.md § Prescriptions). */
export const RX_STATUS = {
  open: 'Ouverte',
  'partially-executed': 'Partiellement délivrée',
  'fully-executed': 'Entièrement délivrée',
  expired: 'Expirée',
  cancelled: 'Annulée par le prescripteur',
};

export const EXECUTION_STATUS = {
  held: 'Retenue (mode dégradé)',
  queued: 'En attente d’envoi',
  sending: 'Envoi en cours',
  acknowledged: 'Accusé de réception reçu',
  parked: 'Bloquée (erreur)',
  cancelled: 'Annulée',
};

export const EXECUTION_KIND = {
  execution: 'Exécution',
  'post-invoice': 'Mise à jour après facturation',
  cancellation: 'Annulation',
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

export const RENEWAL_KINDS = {
  'correspondent-renewal': 'Renouvellement (pharmacien correspondant)',
  'posology-adjustment': 'Adaptation de la posologie (pharmacien correspondant)',
  'exceptional-dispensation': 'Dispensation supplémentaire exceptionnelle',
};

export const CONDITIONAL_TESTS = {
  'trod-angine': 'TROD angine',
  'bu-cystite': 'Bandelette urinaire (cystite)',
};

export const TEST_RESULTS = { positive: 'Positif', negative: 'Négatif' };

export const LINE_KINDS = { medication: 'Médicament', device: 'Dispositif', magistral: 'Préparation' };

export const ROLES = { pharmacien: 'pharmacien', preparateur: 'préparateur' };

export const ACT_TYPES = {
  intervention: 'Intervention pharmaceutique',
  conditional: 'Résultat de test',
  'non-delivery': 'Non-délivrance',
  renewal: 'Renouvellement',
  override: 'Alerte levée',
  'line-flags': 'Mentions de la ligne',
};

export const SCAN_KIND = {
  'prescription-qr': 'QR code d’ordonnance',
  'prescription-id': 'Numéro d’ordonnance',
  pack: 'Boîte (DataMatrix)',
  'product-code': 'Code produit',
  ins: 'DataMatrix INS',
  apcv: 'Carte Vitale (application)',
};

export const RETRIEVAL_STATUS = {
  unknown: 'inconnue du téléservice',
  unavailable: 'téléservice injoignable',
  refused: 'refusée par le téléservice',
};

/** Warnings of a scan (src/scan/parsers/types.ts ScanWarning, src/counter/routing-warnings.ts). */
export const SCAN_WARNINGS = {
  QR_VERSION_UNSUPPORTED: 'version de QR code inconnue, numéro utilisé',
  QR_CONTENT_UNREADABLE: 'contenu du QR code illisible, numéro seul utilisé',
  RPPS_CHECK_DIGIT: 'RPPS du prescripteur erroné (clé de contrôle)',
  GS1_SEPARATOR_INFERRED: 'séparateurs du code déduits',
  GTIN_WITHOUT_AI: 'code GTIN seul',
  INS_TEST_OID: 'INS de test',
  INS_NIR_MISMATCH: 'NIR incohérent avec l’INS',
  NO_OPEN_DISPENSATION: 'aucune ordonnance en cours sur ce poste',
  SESAM_VITALE_NOT_CONFIGURED: 'lecture de l’application Carte Vitale non configurée',
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

/** Every issue code of docs/errors.md § Issue codes, as the pharmacist reads it. */
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
  PRICE_UNKNOWN: 'Prix ou taux de remboursement inconnu',
};

/** Every error code of docs/errors.md (problem `code`), as a sentence for the person at the screen. */
export const ERROR = {
  // core
  VALIDATION_FAILED: 'Saisie incomplète ou invalide : vérifiez les champs.',
  MALFORMED_JSON: 'La demande envoyée est illisible.',
  UNAUTHORIZED: 'Session expirée : reconnectez-vous.',
  FORBIDDEN: 'Cette action n’est pas permise à ce poste.',
  CROSS_ORIGIN_REFUSED: 'Action refusée : elle doit venir d’une page Comptoir.',
  TERMINAL_MISMATCH: 'Cette délivrance appartient à un autre poste.',
  NOT_FOUND: 'Élément introuvable.',
  TERMINAL_UNKNOWN: 'Poste inconnu.',
  NO_OPERATOR: 'Aucun opérateur sur ce poste : choisissez l’opérateur.',
  DEVICE_UNKNOWN: 'Appareil inconnu.',
  SIMULATION_DISABLED: 'La simulation d’appareils n’existe qu’en bac à sable.',
  DEVICE_NOT_SIMULATED: 'Cet appareil n’est pas un appareil simulé.',
  IDEMPOTENCY_KEY_REUSED: 'Demande déjà envoyée avec un autre contenu.',
  IDEMPOTENCY_IN_PROGRESS: 'La même demande est encore en cours : patientez.',
  HOST_NOT_ALLOWED: 'Adresse du service non autorisée.',
  OPERATOR_UNKNOWN: 'Cette personne n’est plus au registre du personnel.',
  OPERATOR_CODE_INVALID: 'Code personnel incorrect.',
  OPERATOR_LOCKED: 'Trop de codes incorrects : cette personne est bloquée quelques minutes.',
  STAFF_UNKNOWN: 'Personne inconnue du registre du personnel.',
  LOGIN_RATE_LIMITED: 'Trop de connexions refusées : réessayez plus tard.',
  PAYLOAD_TOO_LARGE: 'Envoi trop volumineux.',
  UNSUPPORTED_MEDIA_TYPE: 'Type de fichier non accepté.',
  DATABASE_UNAVAILABLE: 'Base de données indisponible : réessayez dans un instant.',
  INTERNAL_ERROR: 'Erreur interne du service : réessayez.',
  AUDIT_ENTRY_REFUSED: 'Erreur interne du journal d’audit : l’action n’est pas enregistrée.',
  // dispensation
  DISPENSATION_UNKNOWN: 'Délivrance introuvable.',
  DISPENSATION_CLOSED: 'La délivrance est déjà validée : elle ne peut plus changer.',
  DISPENSATION_HAS_BLOCKING_ISSUES: 'Validation refusée : des alertes bloquantes restent à traiter.',
  LINE_UNKNOWN: 'Ligne inconnue sur cette ordonnance.',
  PACK_UNKNOWN: 'Boîte ou délivrance introuvable.',
  NOT_A_PACK: 'Ce code n’est pas un code produit.',
  MANUAL_DELIVERY_NOT_ALLOWED: 'Un médicament se délivre en scannant ses boîtes.',
  DISPENSATION_CHANGED: 'La délivrance a changé pendant la validation : validez de nouveau.',
  ACT_UNKNOWN: 'Acte introuvable sur cette ligne.',
  ISSUE_UNKNOWN: 'Cette alerte n’existe plus.',
  OVERRIDE_NOT_ALLOWED: 'Seul un pharmacien peut lever une alerte.',
  ISSUE_NOT_OVERRIDABLE: 'Cette alerte ne peut pas être levée : un acte la règle.',
  SFPC_CODE_UNKNOWN: 'Code SFPC inconnu.',
  CONDITIONAL_NOT_APPLICABLE: 'Cette ligne ne porte pas cette mention conditionnelle.',
  RENEWAL_NOT_AUTHORIZED: 'La ligne n’autorise pas le renouvellement par le pharmacien correspondant.',
  POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED: 'La ligne n’autorise pas l’adaptation de la posologie.',
  TREATMENT_CAP_EXCEEDED: 'Au-delà de 12 mois de traitement au total.',
  EXCEPTIONAL_NOT_CHRONIC: 'Dispensation exceptionnelle : il faut un traitement chronique d’au moins 3 mois.',
  EXCEPTIONAL_NOT_EXPIRED: 'Dispensation exceptionnelle : l’ordonnance n’est pas expirée.',
  EXCEPTIONAL_TOO_LATE: 'Dispensation exceptionnelle : plus d’un mois après la fin du traitement.',
  EXCEPTIONAL_DURATION_EXCEEDED: 'Dispensation exceptionnelle : un mois à la fois, trois mois au plus.',
  EXCEPTIONAL_NOT_ALLOWED:
    'Dispensation exceptionnelle impossible pour ce produit (stupéfiant, durée limitée).',
  MTE_PH_NOT_ALLOWED: '« Non substituable MTE-PH » ne s’applique qu’à un produit de la liste MTE.',
  OVERRIDE_REASON_REQUIRED: 'Dites pourquoi : une justification ou une intervention.',
  PRESCRIBER_AGREEMENT_REQUIRED:
    'Lever cette alerte par une intervention demande l’accord obtenu du prescripteur.',
  CONDITIONAL_FINDINGS_REQUIRED: 'Une bandelette urinaire enregistre les nitrites et les leucocytes.',
  TRANSCRIPTION_NOT_ALLOWED:
    'Seule une délivrance ouverte sans le téléservice reçoit des lignes transcrites.',
  TRANSCRIPTION_LINE_INVALID: 'Ligne transcrite incomplète : nommez le produit.',
  TRANSCRIPTION_EMPTY: 'Transcrivez les lignes de l’ordonnance papier avant de valider.',
  TRANSCRIPTION_NOT_DIFFERENT: 'La transcription est identique à l’ordonnance : rien à confirmer.',
  // execution and invoicing
  EXECUTION_NOT_FOUND: 'Envoi introuvable.',
  EXECUTION_NOT_PARKED: 'Seul un envoi bloqué peut être relancé.',
  EXECUTION_NOT_CANCELLABLE: 'Seul un envoi bloqué ou une exécution acquittée peut être annulé.',
  REPORT_NOT_AVAILABLE: 'Le compte rendu n’existe qu’après l’accusé de réception.',
  CANCELLATION_NOT_ALLOWED: 'Après facturation, seul un pharmacien peut annuler.',
  EXECUTION_NOT_ACKNOWLEDGED: 'Pas encore d’accusé de réception du téléservice : facturation impossible.',
  ALREADY_INVOICED: 'Cette délivrance est déjà facturée.',
  INVOICE_OVERRIDE_NOT_ALLOWED: 'Seul un pharmacien peut facturer avant l’accusé de réception.',
  // back office
  FSE_UNKNOWN: 'Aucune facture ne correspond à ce numéro de FSE.',
  REJECTION_UNKNOWN: 'Rejet introuvable.',
  REJECTION_IMPORT_INVALID: 'Le fichier n’est pas un relevé de rejets au format attendu.',
  RECONSTITUTION_UNAVAILABLE: 'Ordonnance jamais récupérée par cette pharmacie : rien à reconstituer.',
  RECONSTITUTION_EXECUTION_UNKNOWN: 'Aucune exécution de cette pharmacie ne porte ce numéro.',
  // medicines referential
  REFERENTIAL_FILES_MISSING: 'Fichiers de la BDPM manquants.',
  REFERENTIAL_IMPORT_INVALID: 'Les fichiers de la BDPM sont inutilisables.',
  REFERENTIAL_IMPORT_FAILED: 'Import du référentiel interrompu : la version précédente reste active.',
  REFERENTIAL_DOWNLOAD_FAILED: 'Téléchargement de la BDPM impossible : la version active reste.',
  REFERENTIAL_DOWNLOAD_INVALID: 'Fichier téléchargé invalide : la version active reste.',
  REFERENTIAL_NOT_LOADED: 'Référentiel des médicaments pas encore chargé : patientez.',
  DC_QUERY_INVALID: 'Ligne en DC illisible (substance, dosage, forme).',
  // patient
  CARD_ABSENT: 'Aucune carte dans le lecteur.',
  CARD_DATA_INVALID: 'Les données de carte simulée sont invalides.',
  CARD_READER_UNKNOWN: 'Aucun lecteur de carte sur ce poste.',
  CARD_EXCHANGE_FAILED: 'La carte n’a pas répondu : retirez-la et insérez-la de nouveau.',
  // prescription and teleservice
  PRESCRIPTION_UNKNOWN: 'Ordonnance inconnue du téléservice.',
  PRESCRIPTION_FULLY_EXECUTED: 'Ordonnance déjà entièrement délivrée.',
  PRESCRIPTION_EXPIRED: 'Ordonnance expirée.',
  PRESCRIPTION_CANCELLED: 'Ordonnance annulée par le prescripteur.',
  SEARCH_CRITERIA_MISSING: 'Recherche : donnez un NIR, un INS, ou un nom avec une date de naissance.',
  EXECUTION_INCOMPLETE: 'Le téléservice a refusé l’exécution : un champ obligatoire manque.',
  QR_DATA_MISMATCH: 'Les données du QR code ne correspondent pas à l’ordonnance.',
  SEQUENCE_OUT_OF_ORDER: 'Numéro d’exécution hors séquence.',
  EXECUTION_CONFLICT: 'Exécution déjà enregistrée avec un autre contenu.',
  EXECUTION_UNKNOWN: 'Exécution inconnue du téléservice.',
  NOT_AUTHORISED: 'Le téléservice refuse l’appelant (rôle ou signature).',
  TELESERVICE_REFUSED: 'Le téléservice a refusé la demande.',
  TELESERVICE_UNAVAILABLE: 'Téléservice injoignable : réessayez dans un instant.',
  TELESERVICE_PROTOCOL_ERROR: 'Réponse illisible du téléservice : réessayez.',
  TELESERVICE_REQUEST_INVALID: 'Demande impossible à transmettre au téléservice.',
  SIGNER_UNAVAILABLE: 'Aucune clé de signature disponible (carte CPS).',
  SIGNER_TOKEN_ABSENT: 'Carte CPS absente du lecteur.',
  SIGNER_PIN_INCORRECT: 'Code PIN de la carte CPS refusé.',
  SIGNER_PIN_LOCKED: 'Code PIN de la carte CPS bloqué.',
  SIGNER_KEY_NOT_FOUND: 'Clé de signature introuvable sur la carte.',
  // scan
  GS1_CHECK_DIGIT: 'Code de la boîte erroné (clé de contrôle) : scannez de nouveau.',
  GS1_MALFORMED: 'Code de la boîte illisible : scannez de nouveau.',
  EAN_CHECK_DIGIT: 'Code produit erroné (clé de contrôle).',
  QR_MALFORMED: 'QR code d’ordonnance illisible.',
  INS_MALFORMED: 'DataMatrix INS illisible.',
  UNKNOWN_CODE: 'Code non reconnu.',
  SCAN_TOO_LARGE: 'Code trop long.',
  SCAN_ENCODING_INVALID: 'Code mal encodé.',
  NO_CODE_FOUND: 'Aucun QR code ni DataMatrix dans l’image.',
  IMAGE_UNREADABLE: 'Image ou PDF illisible.',
  IMAGE_TOO_LARGE: 'Image trop grande.',
  IMAGE_RENDERER_UNAVAILABLE: 'Lecture des PDF indisponible sur ce poste.',
  IMAGE_BUSY: 'Trop d’images en cours de lecture : réessayez dans quelques secondes.',
};

/** A problem without a known code: by its HTTP status. */
export const HTTP_STATUS = {
  400: 'Demande invalide.',
  401: 'Session expirée : reconnectez-vous.',
  403: 'Action non permise.',
  404: 'Élément introuvable.',
  409: 'Action impossible dans l’état actuel.',
  413: 'Envoi trop volumineux.',
  422: 'Saisie refusée.',
  429: 'Trop de demandes : réessayez plus tard.',
  503: 'Service momentanément indisponible : réessayez.',
};
