import busboy from 'busboy';
import { CoreException } from '../../core/errors/core.exception';
import { ScanException } from '../scan.exception';
import { IMAGE_MEDIA_TYPES } from './decode-image';
import { SCAN_DETAILS } from '../error-messages';
import { Text } from '../../core/i18n/messages';

/** What POST /api/v1/scans/image received, whichever way it was sent. */
export interface ImageUpload {
  bytes: Buffer;
  /** The declared type (the bytes decide the format). */
  mimeType: string;
  terminalId?: string;
}

interface FormFile {
  name: string;
  mimeType: string;
  data: Buffer;
}

const TERMINAL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PARTS = 8;
const FORM = 'multipart/form-data';
const OCTET_STREAM = 'application/octet-stream';

const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();

/** The one check of what this route reads: a PNG, a JPEG or a PDF (the bytes decide which, later). */
const isImageMediaType = (mediaType: string): boolean =>
  (IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType);

/**
 * The picture and terminalId from a raw body (terminalId in the query) or a multipart form (one file
 * part, an optional `terminalId` field), the body already read under server.imageBodyLimit. 415 for any
 * other content type, and for a file part that declares one.
 */
export async function readImageUpload(
  contentType: string | undefined,
  body: unknown,
  queryTerminalId?: string,
): Promise<ImageUpload> {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType !== FORM) {
    if (!isImageMediaType(mediaType)) {
      throw new CoreException(
        'UNSUPPORTED_MEDIA_TYPE',
        SCAN_DETAILS.UNSUPPORTED_MEDIA_TYPE.image({ mediaType }),
      );
    }
    return { bytes: nonEmpty(body), mimeType: mediaType, terminalId: queryTerminalId };
  }
  const { files, fields } = await readForm(nonEmpty(body), contentType ?? '');
  for (const name of fields.keys()) {
    if (name !== 'terminalId') throw invalid(V.formField({ name: JSON.stringify(name) }));
  }
  if (files.length !== 1) throw invalid(V.fileCount({ count: files.length }));
  const file = files[0];
  if (file.mimeType !== OCTET_STREAM && !isImageMediaType(file.mimeType)) {
    throw new CoreException(
      'UNSUPPORTED_MEDIA_TYPE',
      SCAN_DETAILS.UNSUPPORTED_MEDIA_TYPE.filePart({ mediaType: file.mimeType }),
    );
  }
  const formTerminal = fields.get('terminalId')?.trim();
  if (formTerminal !== undefined && !TERMINAL_ID.test(formTerminal)) throw invalid(V.formTerminal());
  if (formTerminal !== undefined && queryTerminalId !== undefined && formTerminal !== queryTerminalId) {
    throw invalid(V.formTerminalDiffers());
  }
  return { bytes: nonEmpty(file.data), mimeType: file.mimeType, terminalId: formTerminal ?? queryTerminalId };
}

function nonEmpty(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new ScanException('IMAGE_UNREADABLE', SCAN_DETAILS.IMAGE_UNREADABLE.empty());
  return body;
}

const V = SCAN_DETAILS.VALIDATION_FAILED;

function invalid(detail: Text): CoreException {
  return new CoreException('VALIDATION_FAILED', detail);
}

/**
 * RFC 7578 multipart/form-data through busboy: the file parts, and each field's first value. Part headers
 * are busboy's to parse; a part with a file name or of type application/octet-stream is a file. A part
 * without a form-data disposition is skipped.
 */
function readForm(
  body: Buffer,
  contentType: string,
): Promise<{ files: FormFile[]; fields: Map<string, string> }> {
  return new Promise((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: { 'content-type': contentType },
        limits: { parts: MAX_PARTS, fieldSize: 1024 },
      });
    } catch (err) {
      reject(invalid(V.multipart({ why: (err as Error).message })));
      return;
    }
    const files: FormFile[] = [];
    const fields = new Map<string, string>();
    let failed = false;
    const fail = (detail: Text): void => {
      if (failed) return;
      failed = true;
      reject(invalid(detail));
    };
    form.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('close', () =>
        files.push({ name, mimeType: info.mimeType.toLowerCase(), data: Buffer.concat(chunks) }),
      );
    });
    form.on('field', (name, value) => {
      if (!fields.has(name)) fields.set(name, value);
    });
    form.on('partsLimit', () => fail(V.tooManyParts({ max: MAX_PARTS })));
    form.on('error', (err: Error) => fail(V.multipart({ why: err.message })));
    form.on('close', () => {
      if (!failed) resolve({ files, fields });
    });
    form.end(body);
  });
}
