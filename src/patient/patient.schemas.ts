import { arr, day, defineSchemas, int, obj, oneOf, ref, str } from '../core/http/openapi-schemas';

/** The response schemas of the patient stage: a Carte Vitale read, a card exchange. */
defineSchemas({
  CardPerson: obj(
    {
      lastName: str(),
      firstNames: arr(str(), { description: "The card's one first-name field, as one element" }),
      birthDate: str({
        description:
          'YYYY-MM-DD with the card\u2019s digits verbatim (a lunar date may not be a calendar day)',
      }),
      birthDateKind: oneOf(['calendar', 'partial', 'lunar']),
    },
    { nir: str(), birthName: str(), rank: int() },
  ),
  CardHolder: obj(
    { cardType: oneOf(['vitale2']), holder: ref('CardPerson'), beneficiaries: arr(ref('CardPerson')) },
    { serial: str(), validFrom: day() },
  ),
  CardExchangeAnswer: obj({
    responses: arr(str({ pattern: '^([0-9A-F]{2})*$' }), {
      description: 'Answer APDUs (data + status word), hex',
    }),
  }),
});
