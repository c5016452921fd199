import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WSDL_FILE = 'eprescription-v1.wsdl';
export const XSD_FILE = 'eprescription-v1.xsd';

/** Reads a contract file shipped beside this module (a build must copy `wsdl/*.wsdl|xsd` as assets). */
export function readContractFile(name: typeof WSDL_FILE | typeof XSD_FILE): string {
  return readFileSync(join(__dirname, name), 'utf8');
}

/** The WSDL with its endpoint and schema location pointing at a running server. */
export function wsdlFor(endpointUrl: string): string {
  return readContractFile(WSDL_FILE)
    .replace(/(<soap:address location=")[^"]*(")/, `$1${endpointUrl}$2`)
    .replace(`schemaLocation="${XSD_FILE}"`, `schemaLocation="${endpointUrl}?xsd=${XSD_FILE}"`);
}
