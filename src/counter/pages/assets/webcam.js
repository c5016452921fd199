// The counter's webcam as a scanner: frames are decoded here, in the browser, with @zxing/browser (served by
// Comptoir from node_modules, so the CSP stays 'self'); only the text read leaves the page, as a scan of the
// terminal. No picture is sent anywhere.

const ZXING_URL = '/assets/vendor/zxing-browser.js';
const CHARACTER_SET = 4; // zxing's DecodeHintType.CHARACTER_SET: the ON QR is JSON, hence UTF-8
const FRAME_MS = 120;
const SAME_CODE_MS = 3000;

let loading;
/** The UMD build of @zxing/browser (global ZXingBrowser), loaded the first time the webcam starts. */
export function loadZxing() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = ZXING_URL;
    script.onload = () => resolve(globalThis.ZXingBrowser);
    script.onerror = () => {
      loading = undefined;
      reject(new Error('zxing'));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Reads one frame: drawn on a canvas, `scale` times smaller (a phone held up to the webcam shows a large
 * code: half the size reads it for a quarter of the work) and inverted on request (a phone in dark mode
 * shows its QR light on dark), binarised once, then tried as a QR code and as a DataMatrix. Undefined when
 * nothing is read.
 */
export function createFrameReader(Z) {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const readers = [
    new Z.BrowserQRCodeReader(new Map([[CHARACTER_SET, 'UTF-8']])),
    new Z.BrowserDatamatrixCodeReader(),
  ];
  return {
    read(source, invert = false, scale = 1) {
      const width = Math.round((source.videoWidth || source.width) / scale);
      const height = Math.round((source.videoHeight || source.height) / scale);
      if (!width || !height) return undefined;
      if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
      ctx.drawImage(source, 0, 0, width, height);
      if (invert) {
        // White minus the picture: cheaper than a CSS `invert()` filter on a software-rendered canvas.
        ctx.globalCompositeOperation = 'difference';
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, width, height);
        ctx.globalCompositeOperation = 'source-over';
      }
      const bitmap = Z.BrowserCodeReader.createBinaryBitmapFromCanvas(canvas);
      for (const reader of readers) {
        try {
          return reader.decodeBitmap(bitmap).getText();
        } catch {
          // not found, checksum or format: the next reader, or the next frame
        }
      }
      return undefined;
    },
  };
}

const REFUSED = {
  NotAllowedError: 'Accès à la webcam refusé : autorisez-le dans le navigateur.',
  NotFoundError: 'Aucune webcam sur ce poste.',
  NotReadableError: 'La webcam est utilisée par un autre logiciel.',
};

/**
 * Starts the webcam into `video` and reads its frames in a cycle of four: half size, half size inverted,
 * half size, full size (bench/webcam.bench.ts); each code read is passed to `onCode` once (the same code
 * again only after 3 s). Resolves with `{stop}`, or null when the
 * webcam cannot be opened (the reason is in `status`).
 */
export async function startWebcam({ video, status, onCode }) {
  if (!navigator.mediaDevices?.getUserMedia) {
    status.textContent = 'Ce navigateur ne donne pas accès à la webcam.';
    return null;
  }
  status.textContent = 'Ouverture de la webcam…';
  let Z;
  let stream;
  try {
    Z = await loadZxing();
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
    });
  } catch (err) {
    status.textContent = REFUSED[err?.name] ?? 'Webcam indisponible.';
    return null;
  }
  video.srcObject = stream;
  video.hidden = false;
  await video.play().catch(() => undefined);
  const reader = createFrameReader(Z);
  let stopped = false;
  let timer;
  let frame = 0;
  let last = { text: '', at: 0 };
  const tick = () => {
    if (stopped) return;
    if (video.readyState >= 2) {
      // Half size, as is and inverted, then the full frame for a small DataMatrix on a box.
      const step = frame++ % 4;
      const text = reader.read(video, step === 1, step === 3 ? 1 : 2);
      if (text && (text !== last.text || Date.now() - last.at > SAME_CODE_MS)) {
        last = { text, at: Date.now() };
        status.textContent = 'Code lu à la webcam : envoyé.';
        onCode(text);
      }
    }
    timer = setTimeout(tick, FRAME_MS);
  };
  status.textContent = 'Présentez le QR code de l’ordonnance ou la boîte à la webcam.';
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
      video.hidden = true;
      status.textContent = '';
    },
  };
}
