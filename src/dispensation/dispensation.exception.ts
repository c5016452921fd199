import { ErrorSpec, stageException } from '../core/errors/comptoir.exception';

export const DISPENSATION_ERRORS = {
  DISPENSATION_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: 'Dispensation introuvable', en: 'No such dispensation' },
  },
  DISPENSATION_CLOSED: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: 'La dispensation est validée et ne peut plus changer',
      en: 'The dispensation is validated and can no longer change',
    },
  },
  DISPENSATION_HAS_BLOCKING_ISSUES: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: 'La dispensation comporte des alertes bloquantes non levées',
      en: 'The dispensation has blocking issues that are not overridden',
    },
  },
  LINE_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: { fr: "Cette ligne n'existe pas sur l'ordonnance", en: 'No such line on the prescription' },
  },
  PACK_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "Cette boîte ou délivrance n'existe pas sur la dispensation",
      en: 'No such pack or delivery on the dispensation',
    },
  },
  NOT_A_PACK: {
    status: 422,
    kind: 'permanent',
    title: { fr: "Ce code n'est pas un code produit", en: 'The code is not a product code' },
  },
  MANUAL_DELIVERY_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Une ligne de médicament se délivre en scannant ses boîtes',
      en: 'A medication line is delivered by scanning its packs',
    },
  },
  DISPENSATION_CHANGED: {
    status: 409,
    kind: 'retryable',
    title: {
      fr: 'La dispensation a changé pendant sa validation',
      en: 'The dispensation changed while it was being validated',
    },
  },
  ACT_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "Cet acte n'existe pas sur cette ligne de la dispensation",
      en: 'No such act on that line of the dispensation',
    },
  },
  ISSUE_UNKNOWN: {
    status: 404,
    kind: 'permanent',
    title: {
      fr: "Cette alerte n'existe pas sur la dispensation ou la ligne",
      en: 'No such issue on the dispensation or line',
    },
  },
  OVERRIDE_NOT_ALLOWED: {
    status: 403,
    kind: 'permanent',
    title: {
      fr: 'Seul un pharmacien peut passer outre une alerte',
      en: 'Only a pharmacien may override an issue',
    },
  },
  ISSUE_NOT_OVERRIDABLE: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'On ne peut pas passer outre cette alerte', en: 'This issue cannot be overridden' },
  },
  SFPC_CODE_UNKNOWN: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Code SFPC de problème, d'intervention ou de devenir inconnu",
      en: 'Unknown SFPC problem, intervention or outcome code',
    },
  },
  CONDITIONAL_NOT_APPLICABLE: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'La ligne ne porte pas cette mention conditionnelle',
      en: 'The line carries no such conditional mention',
    },
  },
  RENEWAL_NOT_AUTHORIZED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "La ligne n'autorise pas le renouvellement par le pharmacien correspondant",
      en: 'The line does not authorise renewal by the correspondent pharmacist',
    },
  },
  POSOLOGY_ADJUSTMENT_NOT_AUTHORIZED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "La ligne n'autorise pas l'ajustement de la posologie",
      en: 'The line does not authorise posology adjustment',
    },
  },
  TREATMENT_CAP_EXCEEDED: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Au-delà de 12 mois de traitement au total', en: 'Beyond 12 months of treatment in all' },
  },
  EXCEPTIONAL_NOT_CHRONIC: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "La dispensation exceptionnelle demande un traitement chronique d'au moins 3 mois",
      en: 'Exceptional dispensation needs a chronic treatment of at least 3 months',
    },
  },
  EXCEPTIONAL_NOT_EXPIRED: {
    status: 422,
    kind: 'permanent',
    title: { fr: "L'ordonnance n'est pas arrivée à son terme", en: 'The prescription has not expired' },
  },
  EXCEPTIONAL_TOO_LATE: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Plus d'un mois après la fin de l'ordonnance",
      en: 'More than a month after the prescription expired',
    },
  },
  EXCEPTIONAL_DURATION_EXCEEDED: {
    status: 422,
    kind: 'permanent',
    title: { fr: 'Un mois à la fois, trois mois au total', en: 'One month at a time, three months in all' },
  },
  EXCEPTIONAL_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Dispensation exceptionnelle impossible pour ce produit (règles des stupéfiants, durée de prescription limitée)',
      en: 'Exceptional dispensation is not allowed for this product (narcotic rules, limited duration)',
    },
  },
  MTE_PH_NOT_ALLOWED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: '« Non substituable MTE-PH » ne vaut que pour un produit de la liste des MTE',
      en: '« Non substituable MTE-PH » is only for a product of the MTE list',
    },
  },
  OVERRIDE_REASON_REQUIRED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Passer outre demande une raison : un motif ou une intervention',
      en: 'An override says why: a reason or an intervention',
    },
  },
  PRESCRIBER_AGREEMENT_REQUIRED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: "Passer outre une alerte de produit ou de quantité par une intervention demande l'accord du prescripteur",
      en: "Overriding a product or quantity issue with an intervention needs the prescriber's agreement",
    },
  },
  TRANSCRIPTION_NOT_ALLOWED: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Les lignes ne se transcrivent que sur une dispensation ouverte sans le téléservice, tant qu'elle est en cours",
      en: 'Lines are transcribed only on a dispensation opened without the teleservice, while it is open',
    },
  },
  TRANSCRIPTION_LINE_INVALID: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Une ligne transcrite nomme son produit comme une ligne de prescription, sous un identifiant de ligne qui lui est propre',
      en: 'A transcribed line names its product as a seed line does, under a lineId of its own',
    },
  },
  TRANSCRIPTION_EMPTY: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Transcrivez les lignes de l'ordonnance papier avant de valider une dispensation en mode dégradé",
      en: 'Transcribe the paper’s lines before validating a degraded dispensation',
    },
  },
  TRANSCRIPTION_NOT_DIFFERENT: {
    status: 409,
    kind: 'permanent',
    title: {
      fr: "Seule une transcription qui diffère de l'ordonnance du téléservice se confirme",
      en: "Only a transcription that differs from the teleservice's prescription is confirmed",
    },
  },
  CONDITIONAL_FINDINGS_REQUIRED: {
    status: 422,
    kind: 'permanent',
    title: {
      fr: 'Un résultat de BU indique ses nitrites et ses leucocytes',
      en: 'A BU result records its nitrites and leucocytes findings',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type DispensationErrorCode = keyof typeof DISPENSATION_ERRORS;

/** The dispensation stage's exception. */
export class DispensationException extends stageException(DISPENSATION_ERRORS) {}
