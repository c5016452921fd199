import {
  REFERENCE_CONTENT,
  REFERENCE_IMAGE,
  REFERENCE_RECORD,
} from '../../test/fixtures/apdu/card/vitale2-reference-image';
import { readVitale2 } from '../vitale/vitale2-profile';
import { buildVitale2Image } from './vitale-card-image';
import { VitaleCardModel } from './vitale-card-model';

// The oracle is an image written out by hand from the published Vitale 2 structure, not by the encoders.
describe('the Vitale 2 card image, against one written out byte by byte', () => {
  it('builds the same files, byte for byte', () => {
    const hexOf = (apps: typeof REFERENCE_IMAGE) =>
      apps.map((a) => ({
        aid: a.aid.toString('hex'),
        files: a.files.map((f) => ({ fid: f.fid.toString(16), content: f.content.toString('hex') })),
      }));
    expect(hexOf(buildVitale2Image(REFERENCE_CONTENT))).toEqual(hexOf(REFERENCE_IMAGE));
  });

  it('is read by the driver as the card it describes', async () => {
    const card = new VitaleCardModel(REFERENCE_CONTENT, REFERENCE_IMAGE);
    await expect(readVitale2((apdu) => card.transmit(apdu))).resolves.toEqual(REFERENCE_RECORD);
  });
});
