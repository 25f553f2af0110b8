import { OcrError } from './errors';
import { resizeBilinear } from './resize';
import type { DetPlan, RgbaImage } from './types';

/**
 * PP-OCR's detector normalisation (ImageNet mean and std on 0..1 values). PaddleOCR feeds images as OpenCV
 * loads them, in B, G, R order, and applies these constants in that order, so channel 0 is blue normalised
 * with 0.485/0.229. We reproduce that order because it is what the weights were trained on.
 */
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/**
 * Builds the detector input for one image: resize to the plan's scaled size, normalise, and lay out as
 * NCHW float32 of shape [1, 3, bucket.h, bucket.w].
 *
 * Padding (bottom and right) is 0 after normalisation, which is the same thing as padding with the
 * training mean colour: a flat, neutral grey-blue that carries no texture for the detector to fire on,
 * and it costs nothing because a new Float32Array is already zero. Black (0 before normalisation) would
 * put a hard dark edge next to a white page, the kind of contrast text detectors respond to.
 *
 * Transparent pixels are composited over white first: pasted screenshots and PNG logos often have dark
 * text on a transparent background whose hidden RGB is black, which would otherwise read as black on black.
 */
export function toDetTensor(img: RgbaImage, plan: DetPlan): Float32Array {
  if (img.width !== plan.srcW || img.height !== plan.srcH) {
    throw new OcrError(
      'NOT_AN_IMAGE',
      `The image is ${img.width} x ${img.height} but the detection plan was made for ${plan.srcW} x ${plan.srcH}.`,
    );
  }
  const scaled =
    plan.scaledW === img.width && plan.scaledH === img.height ? img : resizeBilinear(img, plan.scaledW, plan.scaledH);
  const { h: bucketH, w: bucketW } = plan.bucket;
  const plane = bucketH * bucketW;
  const tensor = new Float32Array(3 * plane);
  // Per channel: value/255 composited over white, then (v - mean) / std, folded into v * a + b.
  const mulB = 1 / (255 * DET_STD[0]);
  const mulG = 1 / (255 * DET_STD[1]);
  const mulR = 1 / (255 * DET_STD[2]);
  const addB = -DET_MEAN[0] / DET_STD[0];
  const addG = -DET_MEAN[1] / DET_STD[1];
  const addR = -DET_MEAN[2] / DET_STD[2];
  const px = scaled.data;
  for (let y = 0; y < plan.scaledH; y++) {
    let s = y * plan.scaledW * 4;
    let t = y * bucketW;
    for (let x = 0; x < plan.scaledW; x++, s += 4, t++) {
      const alpha = px[s + 3] / 255;
      const white = 255 * (1 - alpha);
      tensor[t] = (px[s + 2] * alpha + white) * mulB + addB;
      tensor[plane + t] = (px[s + 1] * alpha + white) * mulG + addG;
      tensor[2 * plane + t] = (px[s] * alpha + white) * mulR + addR;
    }
  }
  return tensor;
}
