import type { Person } from '../../devices/vitale/card-holder';
import { comparePatientTraits } from '../prescription/identity-traits';
import type { Patient } from '../prescription/teleservice/teleservice.types';
import type { Ins } from '../scan/parsers';

/** Who on a card (holder or beneficiary) is the prescription's patient, if anyone. */
export function findPatientOnCard(people: Person[], patient: Patient): Person | undefined {
  // The card keeps partial and lunar dates verbatim (YYYY-MM-DD digits), as the base does.
  return people.find(
    (p) => comparePatientTraits({ ...p, firstName: p.firstNames.join(' ') }, patient).length === 0,
  );
}

/**
 * An INS DataMatrix against the prescription's patient: the matricule when the prescription carries a
 * qualified INS, else the traits (birth name, one of the first names, birth date). Returns the differing fields.
 */
export function compareIns(ins: Ins, patient: Patient): string[] {
  if (patient.ins) {
    const fields: string[] = [];
    if (ins.matricule !== patient.ins.matricule) fields.push('ins.matricule');
    if (ins.birthDate !== patient.birthDate) fields.push('patient.birthDate');
    return fields;
  }
  const traits = { lastName: ins.birthName, firstName: ins.firstNames, birthDate: ins.birthDate };
  return comparePatientTraits(traits, patient);
}
