import { AvailabilityEntity } from './availability.entity';
import { CompositionEntity } from './composition.entity';
import { ConditionEntity } from './condition.entity';
import { GenericMemberEntity } from './generic-member.entity';
import { HasLinkEntity } from './has-link.entity';
import { MitmEntity } from './mitm.entity';
import { PresentationEntity } from './presentation.entity';
import { ReferentialVersionEntity } from './referential-version.entity';
import { SpecialityEntity } from './speciality.entity';

export {
  AvailabilityEntity,
  CompositionEntity,
  ConditionEntity,
  GenericMemberEntity,
  HasLinkEntity,
  MitmEntity,
  PresentationEntity,
  ReferentialVersionEntity,
  SpecialityEntity,
};

/** Every entity of the medicines referential, for TypeOrmModule.forFeature and the CLI's DataSource. */
export const MEDICINES_ENTITIES = [
  ReferentialVersionEntity,
  SpecialityEntity,
  PresentationEntity,
  CompositionEntity,
  GenericMemberEntity,
  ConditionEntity,
  MitmEntity,
  AvailabilityEntity,
  HasLinkEntity,
];
