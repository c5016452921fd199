import type {
  DcMatch,
  DcQuery,
  FormMatch,
  GenericGroup,
  GroupMember,
  MedicineProduct,
  Presentation,
  ReferentialStatus,
  Speciality,
} from './medicines.types';

/**
 * The medicines referential: what a pack code or a prescribed product is. It is a port and the DI token:
 * BDPM (`BdpmReferential`) is the default adapter; an LGO plugs its own drug database by providing
 * another class for this token (docs/referential.md). Codes are strings of digits; an unknown code gives
 * `undefined` (or an empty list), never an exception.
 */
export abstract class MedicinesReferential {
  /** A presentation by its 13-digit CIP code, with its speciality. */
  abstract findByCip13(cip13: string): Promise<MedicineProduct | undefined>;

  /** A presentation by its legacy 7-digit CIP code. */
  abstract findByCip7(cip7: string): Promise<MedicineProduct | undefined>;

  /** A presentation by the GTIN-14 of its DataMatrix (`0` + CIP13); a 13-digit GTIN is taken as CIP13. */
  abstract findByGtin(gtin: string): Promise<MedicineProduct | undefined>;

  /** A speciality by its 8-digit CIS code: substances, generic groups, conditions, MITM, availability. */
  abstract findSpeciality(cis: string): Promise<Speciality | undefined>;

  /** Every presentation (box) of a speciality. */
  abstract findPresentations(cis: string): Promise<Presentation[]>;

  /** The generic groups a CIS belongs to (usually one; a few CIS are in two), with all their members. */
  abstract findGenericGroups(cis: string): Promise<GenericGroup[]>;

  /** The other members of the CIS's generic groups: what it may be substituted with or for. */
  abstract findGroupAlternatives(cis: string): Promise<(GroupMember & { groupId: number })[]>;

  /** The generic group shared by two CIS, if any (substitution within the répertoire, CSP L.5125-23). */
  abstract sharedGenericGroup(cisA: string, cisB: string): Promise<GenericGroup | undefined>;

  /** Presentations answering a DC line: the substance(s) at the strength(s) in a compatible form. */
  abstract searchByDc(query: DcQuery): Promise<DcMatch[]>;

  /** How one speciality answers a DC line: its form match, or undefined when it does not. */
  abstract matchDc(cis: string, query: DcQuery): Promise<FormMatch | undefined>;

  /** Which referential is loaded (version, source, counts). */
  abstract status(): Promise<ReferentialStatus>;
}
