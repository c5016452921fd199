import { getMetadataStorage, ValidationError, ValidationOptions } from 'class-validator';
import { CORE_DETAILS } from '../errors/error-messages';
import { msg, Text } from '../i18n/messages';

// class-validator's findings said in French and English. class-validator words them in English only, so
// each rule (its constraint name) has a catalogue entry here, fed with the field's name and the rule's own
// arguments (read from the decorators' metadata).

interface Rule {
  field: string;
  /** The decorator's arguments (`@Min(1)` → [1]). */
  args: unknown[];
  /** `{each: true}`: the rule applies to each value of an array. */
  each: boolean;
}

const list = (v: unknown): string => ([] as unknown[]).concat(v).map(String).join(', ');
const eachFr = (r: Rule) => (r.each ? `chaque valeur de « ${r.field} »` : `« ${r.field} »`);
const eachEn = (r: Rule) => (r.each ? `each value in ${r.field}` : r.field);

/** One entry per class-validator constraint the DTOs use; any other reads as `invalid`. */
export const FIELD_RULES = {
  whitelistValidation: msg(
    (r: Rule) => `Le champ « ${r.field} » n'est pas attendu`,
    (r) => `property ${r.field} should not exist`,
  ),
  isDefined: msg(
    (r: Rule) => `Le champ « ${r.field} » est obligatoire`,
    (r) => `${r.field} is required`,
  ),
  isString: msg(
    (r: Rule) => `${eachFr(r)} doit être du texte`,
    (r) => `${eachEn(r)} must be a string`,
  ),
  isInt: msg(
    (r: Rule) => `${eachFr(r)} doit être un nombre entier`,
    (r) => `${eachEn(r)} must be an integer number`,
  ),
  isIso8601: msg(
    (r: Rule) => `${eachFr(r)} doit être une date ISO 8601`,
    (r) => `${eachEn(r)} must be a valid ISO 8601 date string`,
  ),
  isBoolean: msg(
    (r: Rule) => `${eachFr(r)} doit valoir true ou false`,
    (r) => `${eachEn(r)} must be a boolean value`,
  ),
  isArray: msg(
    (r: Rule) => `« ${r.field} » doit être une liste`,
    (r) => `${r.field} must be an array`,
  ),
  isIn: msg(
    (r: Rule) => `${eachFr(r)} doit valoir l'une de ces valeurs : ${list(r.args[0])}`,
    (r) => `${eachEn(r)} must be one of the following values: ${list(r.args[0])}`,
  ),
  min: msg(
    (r: Rule) => `${eachFr(r)} doit valoir au moins ${String(r.args[0])}`,
    (r) => `${eachEn(r)} must not be less than ${String(r.args[0])}`,
  ),
  max: msg(
    (r: Rule) => `${eachFr(r)} doit valoir au plus ${String(r.args[0])}`,
    (r) => `${eachEn(r)} must not be greater than ${String(r.args[0])}`,
  ),
  minLength: msg(
    (r: Rule) => `${eachFr(r)} doit compter au moins ${String(r.args[0])} caractère(s)`,
    (r) => `${eachEn(r)} must be longer than or equal to ${String(r.args[0])} characters`,
  ),
  maxLength: msg(
    (r: Rule) => `${eachFr(r)} doit compter au plus ${String(r.args[0])} caractères`,
    (r) => `${eachEn(r)} must be shorter than or equal to ${String(r.args[0])} characters`,
  ),
  isLength: msg(
    (r: Rule) => `${eachFr(r)} doit compter de ${String(r.args[0])} à ${String(r.args[1])} caractères`,
    (r) => `${eachEn(r)} must be between ${String(r.args[0])} and ${String(r.args[1])} characters`,
  ),
  arrayMinSize: msg(
    (r: Rule) => `« ${r.field} » doit compter au moins ${String(r.args[0])} élément(s)`,
    (r) => `${r.field} must contain at least ${String(r.args[0])} elements`,
  ),
  arrayMaxSize: msg(
    (r: Rule) => `« ${r.field} » doit compter au plus ${String(r.args[0])} éléments`,
    (r) => `${r.field} must contain no more than ${String(r.args[0])} elements`,
  ),
  matches: msg(
    (r: Rule) => `${eachFr(r)} n'a pas la forme attendue`,
    (r) => `${eachEn(r)} must match ${String(r.args[0])} regular expression`,
  ),
  nestedValidation: msg(
    (r: Rule) => `« ${r.field} » doit être un objet`,
    (r) => `nested property ${r.field} must be either object or array`,
  ),
  invalid: msg(
    (r: Rule) => `La valeur de « ${r.field} » est invalide`,
    (r) => `${r.field} is invalid`,
  ),
};

/** The form a field expects, in both languages: `@Matches(re, expects('13 chiffres', '13 digits'))`. */
export function expects(fr: string, en: string, options: ValidationOptions = {}): ValidationOptions {
  return { ...options, message: (args) => `${args.property}: ${en}`, context: { expects: { fr, en } } };
}

const said = msg(
  (p: { field: string; fr: string; en: string }) => `« ${p.field} » : ${p.fr}`,
  (p) => `${p.field}: ${p.en}`,
);

function ruleOf(target: object | undefined, property: string, constraint: string): Omit<Rule, 'field'> {
  const metadata = target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(target.constructor, '', true, false)
        .find((m) => m.propertyName === property && m.name === constraint)
    : undefined;
  return { args: (metadata?.constraints as unknown[] | undefined) ?? [], each: metadata?.each === true };
}

/**
 * Each finding of class-validator (nested ones with their dotted path) as a Text; `name` says how a field
 * is called to the reader (the rejection import names a file's column as written in it).
 */
export function validationTexts(
  errors: ValidationError[],
  name: (path: string) => string = (path) => path,
  parent = '',
): Text[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const field = name(path);
    const own = Object.keys(e.constraints ?? {}).map((constraint) => {
      const expected = (e.contexts?.[constraint] as { expects?: { fr: string; en: string } } | undefined)
        ?.expects;
      if (expected) return said({ field, ...expected });
      const rule = { field, ...ruleOf(e.target, e.property, constraint) };
      const entry = FIELD_RULES[constraint as keyof typeof FIELD_RULES] ?? FIELD_RULES.invalid;
      return entry(rule);
    });
    const nested = validationTexts(e.children ?? [], name, path);
    return own.length || nested.length
      ? [...own, ...nested]
      : [FIELD_RULES.invalid({ field, args: [], each: false })];
  });
}

/** The VALIDATION_FAILED detail for class-validator's findings. */
export function validationDetail(errors: ValidationError[], name?: (path: string) => string): Text {
  return CORE_DETAILS.VALIDATION_FAILED.fields({ problems: validationTexts(errors, name) });
}
