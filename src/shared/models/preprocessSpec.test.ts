import { describe, expect, it } from 'vitest';
import {
  CAFFE_MEAN_RGB,
  describeSpec,
  PREPROCESS_PRESETS,
  presetSpec,
  scaleDivisor,
  specInputSize,
  TORCH_MEAN_RGB,
  TORCH_STD_RGB,
  validateSpec,
  type PreprocessSpec,
} from './preprocessSpec';
import { PREPROCESSING_MODES } from './catalog';
import { CAFFE_MEAN_BGR, TORCH_MEAN, TORCH_STD } from '@/engine/worker/preprocess';

describe('presets', () => {
  it('cover every preprocessing mode, plus torchvision-eval', () => {
    expect(PREPROCESS_PRESETS).toEqual([...PREPROCESSING_MODES, 'torchvision-eval']);
  });

  it('hold the same constants as the TF.js preprocessing (caffe means there are BGR)', () => {
    expect([...CAFFE_MEAN_RGB].reverse()).toEqual([...CAFFE_MEAN_BGR]);
    expect(TORCH_MEAN_RGB).toEqual([...TORCH_MEAN]);
    expect(TORCH_STD_RGB).toEqual([...TORCH_STD]);
  });

  it('write each mode as scale, mean and std over an exact resize, NHWC float32', () => {
    const at = (mode: (typeof PREPROCESSING_MODES)[number]) => presetSpec(mode, [224, 192]);
    for (const mode of PREPROCESSING_MODES) {
      expect(at(mode).resize).toEqual({ kind: 'exact', height: 224, width: 192 });
      expect(at(mode)).toMatchObject({ layout: 'nhwc', dtype: 'float32', resample: 'bilinear' });
    }
    expect(at('tf')).toMatchObject({ scale: 1 / 127.5, mean: [1, 1, 1], std: [1, 1, 1], channelOrder: 'rgb' });
    expect(at('caffe')).toMatchObject({ scale: 1, mean: [123.68, 116.779, 103.939], std: [1, 1, 1], channelOrder: 'bgr' });
    expect(at('torch')).toMatchObject({ scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    expect(at('unit')).toMatchObject({ scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] });
    expect(at('raw')).toMatchObject({ scale: 1, mean: [0, 0, 0], std: [1, 1, 1] });
  });

  it('torchvision-eval: shortest edge 256, centre crop 224, torch normalisation, NCHW', () => {
    const spec = presetSpec('torchvision-eval', [224, 224]);
    expect(spec.resize).toEqual({ kind: 'shortest-edge', size: 256, crop: { height: 224, width: 224 }, cropOffset: 'torchvision' });
    expect(spec).toMatchObject({ scale: 1 / 255, mean: TORCH_MEAN_RGB, std: TORCH_STD_RGB, layout: 'nchw', channelOrder: 'rgb' });
    expect(specInputSize(spec)).toEqual([224, 224]);
    // 299 / 0.875 = 341.7 → 341, as timm/torchvision's crop fraction gives for Inception-size inputs.
    expect(presetSpec('torchvision-eval', [299, 299]).resize).toMatchObject({ size: 341 });
  });
});

describe('scaleDivisor', () => {
  it('reads 1/255 and 1/127.5 (however the config writes them) as the exact divisors', () => {
    expect(scaleDivisor(1 / 255)).toBe(255);
    expect(scaleDivisor(0.00392156862745098)).toBe(255);
    expect(scaleDivisor(1 / 127.5)).toBe(127.5);
    expect(scaleDivisor(0.0078125)).toBe(128);
    expect(scaleDivisor(1)).toBe(1);
  });

  it('gives null for a scale that is not one over a whole or half number', () => {
    expect(scaleDivisor(0.017)).toBeNull();
    expect(scaleDivisor(0.3)).toBeNull();
  });
});

describe('describeSpec', () => {
  it('spells out the torchvision evaluation transform', () => {
    expect(describeSpec(presetSpec('torchvision-eval', [224, 224]))).toBe(
      'resize shortest edge 256 → centre crop 224×224 · ×1/255 · mean 0.485,0.456,0.406 std 0.229,0.224,0.225 · RGB NCHW float32',
    );
  });

  it('leaves out a scale of 1, a zero mean and a unit std', () => {
    expect(describeSpec(presetSpec('tf', [224, 224]))).toBe('resize 224×224 · ×1/127.5 · mean 1,1,1 · RGB NHWC float32');
    expect(describeSpec(presetSpec('caffe', [224, 224]))).toBe('resize 224×224 · mean 123.68,116.779,103.939 · BGR NHWC float32');
    expect(describeSpec(presetSpec('unit', [224, 224]))).toBe('resize 224×224 · ×1/255 · RGB NHWC float32');
    expect(describeSpec(presetSpec('raw', [224, 224]))).toBe('resize 224×224 · RGB NHWC float32');
  });

  it('names a resample other than bilinear, a resize-then-crop, and a quantized input', () => {
    const spec: PreprocessSpec = {
      ...presetSpec('raw', [224, 224]),
      resize: { kind: 'exact-crop', height: 256, width: 256, crop: { height: 224, width: 224 }, cropOffset: 'floor' },
      resample: 'bicubic',
      scale: 0.017,
      dtype: 'uint8',
      quantization: { scale: 0.0078125, zeroPoint: 128 },
    };
    expect(describeSpec(spec)).toBe('resize 256×256 (bicubic) → centre crop 224×224 · ×0.017 · RGB NHWC uint8 (scale 0.0078125, zero point 128)');
  });
});

describe('validateSpec', () => {
  const tf = presetSpec('tf', [224, 224]);

  it('passes every preset', () => {
    for (const preset of PREPROCESS_PRESETS) expect(validateSpec(presetSpec(preset, [224, 224]))).toEqual(presetSpec(preset, [224, 224]));
  });

  it('names each problem', () => {
    expect(() => validateSpec({ ...tf, std: [0.5, 0, 0.5] })).toThrow('std 0.5,0,0.5 must be above 0 in every channel');
    expect(() => validateSpec({ ...tf, scale: 0 })).toThrow('scale 0 must be above 0');
    expect(() => validateSpec({ ...tf, resize: { kind: 'exact', height: 0, width: 224 } })).toThrow('input size 0×224 is not whole pixels');
    expect(() => validateSpec({ ...tf, quantization: { scale: 1, zeroPoint: 0 } })).toThrow('a float32 input has no quantization');
    expect(() => validateSpec({ ...tf, dtype: 'uint8', quantization: { scale: -1, zeroPoint: 0 } })).toThrow('quantization scale -1 must be above 0');
    const crop = { height: 300, width: 224 };
    expect(() => validateSpec({ ...tf, resize: { kind: 'shortest-edge', size: 256, crop, cropOffset: 'torchvision' } })).toThrow(
      'centre crop 300×224 is bigger than the shortest edge 256',
    );
    expect(() =>
      validateSpec({ ...tf, resize: { kind: 'exact-crop', height: 256, width: 200, crop: { height: 224, width: 224 }, cropOffset: 'floor' } }),
    ).toThrow('centre crop 224×224 is bigger than the resize 256×200');
  });
});
