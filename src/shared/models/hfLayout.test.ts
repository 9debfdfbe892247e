import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySpec } from './applySpec';
import { hfLabels, hfOnnxFiles, hfPreprocessing, hubFileUrl, isHubRepoId } from './hfLayout';
import { describeSpec, presetSpec } from './preprocessSpec';
import { sharedModel } from '@/testing/shared';
import { describeShared } from '@/testing/sharedSuite';

const HF_FOLDER = sharedModel('hf_mobilenet_v2_100_224');
const readJson = (name: string): unknown => JSON.parse(readFileSync(resolve(HF_FOLDER, name), 'utf8')) as unknown;

describeShared('the shared Hugging Face MobileNetV2 folder', { paths: [HF_FOLDER] }, () => {
  it('config.json: 1000 names from id2label, in order', () => {
    const labels = hfLabels(readJson('config.json'));
    expect(labels).toHaveLength(1000);
    expect(labels[0]).toBe('tench, Tinca tinca');
    expect(labels[999]).toBe('toilet tissue, toilet paper, bathroom tissue');
  });

  it('preprocessor_config.json: 224×224 bilinear, ×1/255, mean 0.5 std 0.5, NCHW — the tf mode’s arithmetic to float32 precision', () => {
    const { spec, notes } = hfPreprocessing(readJson('preprocessor_config.json'));
    expect(notes).toEqual([]);
    expect(spec).toEqual({
      resize: { kind: 'exact', height: 224, width: 224 },
      resample: 'bilinear',
      scale: 0.00392156862745098,
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
      channelOrder: 'rgb',
      layout: 'nchw',
      dtype: 'float32',
    });
    expect(describeSpec(spec)).toBe('resize 224×224 · ×1/255 · mean 0.5,0.5,0.5 std 0.5,0.5,0.5 · RGB NCHW float32');
    const pixels = Float32Array.from({ length: 224 * 224 * 3 }, (_, i) => (i * 7) % 256);
    const hf = applySpec(pixels, 224, 224, { ...spec, layout: 'nhwc' });
    const tf = applySpec(pixels, 224, 224, presetSpec('tf', [224, 224]));
    const gap = Array.from(hf).reduce((max, v, i) => Math.max(max, Math.abs(v - (tf[i] ?? 0))), 0);
    // ×1/255 then (x − 0.5) / 0.5 is x / 127.5 − 1 in exact arithmetic; in float32 they may part by an ulp.
    expect(gap).toBeLessThan(1e-6);
  });

  it('its files: one ONNX sibling, the fp32 onnx/model.onnx', () => {
    const paths = readdirSync(HF_FOLDER, { recursive: true, encoding: 'utf8' }).map((p) => relative(HF_FOLDER, resolve(HF_FOLDER, p)).replaceAll('\\', '/'));
    expect(hfOnnxFiles(paths)).toEqual([{ name: 'model.onnx', path: 'onnx/model.onnx', dtype: 'fp32', externalData: null }]);
  });
});

describe('hfLabels', () => {
  it('falls back to label2id, inverted', () => {
    expect(hfLabels({ label2id: { cat: 1, dog: 0, eel: '2' } })).toEqual(['dog', 'cat', 'eel']);
  });

  it('any class count; num_labels must agree', () => {
    const id2label = Object.fromEntries(Array.from({ length: 965 }, (_, i) => [String(i), `bird ${i}`]));
    expect(hfLabels({ id2label, num_labels: 965 })).toHaveLength(965);
    expect(() => hfLabels({ id2label, num_labels: 1000 })).toThrow('config.json says num_labels 1000 but names 965 classes');
  });

  it('says what is wrong', () => {
    expect(() => hfLabels([])).toThrow('config.json is not a JSON object');
    expect(() => hfLabels({ model_type: 'vit' })).toThrow('config.json has neither id2label nor label2id');
    expect(() => hfLabels({ id2label: { '0': 'a', '2': 'c' } })).toThrow('config.json id2label: no name for class 1');
  });
});

const IMAGENET = { image_mean: [0.485, 0.456, 0.406], image_std: [0.229, 0.224, 0.225] };

describe('hfPreprocessing', () => {
  it('ViT: a square size, no crop, defaults for rescale', () => {
    const { spec } = hfPreprocessing({ image_processor_type: 'ViTImageProcessor', size: 224, image_mean: 0.5, image_std: 0.5 });
    expect(spec).toMatchObject({ resize: { kind: 'exact', height: 224, width: 224 }, scale: 1 / 255, mean: [0.5, 0.5, 0.5], layout: 'nchw' });
  });

  it('an integer size means the shortest edge for MobileNetV2-style processors; the crop starts at margin // 2', () => {
    const { spec } = hfPreprocessing({ image_processor_type: 'MobileNetV2ImageProcessor', size: 256, do_center_crop: true, crop_size: 224, ...IMAGENET });
    expect(spec.resize).toEqual({ kind: 'shortest-edge', size: 256, crop: { height: 224, width: 224 }, cropOffset: 'floor' });
  });

  it('shortest_edge with crop_size {height, width}, bicubic (resample 3)', () => {
    const raw = { size: { shortest_edge: 288 }, do_center_crop: true, crop_size: { height: 256, width: 256 }, resample: 3, ...IMAGENET };
    const { spec } = hfPreprocessing(raw);
    expect(spec).toMatchObject({ resize: { kind: 'shortest-edge', size: 288, crop: { height: 256, width: 256 } }, resample: 'bicubic' });
  });

  it('DeiT: a 256×256 resize, then a 224 crop', () => {
    const raw = { size: { height: 256, width: 256 }, do_center_crop: true, crop_size: { height: 224, width: 224 }, ...IMAGENET };
    expect(hfPreprocessing(raw).spec.resize).toEqual({ kind: 'exact-crop', height: 256, width: 256, crop: { height: 224, width: 224 }, cropOffset: 'floor' });
  });

  it('ConvNeXt crop_pct: shortest edge 224 / 0.875 = 256 then 224; from 384 a square resize', () => {
    const raw = { image_processor_type: 'ConvNextImageProcessor', size: { shortest_edge: 224 }, crop_pct: 0.875, ...IMAGENET };
    expect(hfPreprocessing(raw).spec.resize).toEqual({ kind: 'shortest-edge', size: 256, crop: { height: 224, width: 224 }, cropOffset: 'floor' });
    expect(hfPreprocessing({ ...raw, size: { shortest_edge: 384 } }).spec.resize).toEqual({ kind: 'exact', height: 384, width: 384 });
  });

  it('do_rescale and do_normalize false leave the pixels 0..255', () => {
    const { spec } = hfPreprocessing({ size: { height: 8, width: 8 }, do_rescale: false, do_normalize: false, resample: 0 });
    expect(spec).toMatchObject({ scale: 1, mean: [0, 0, 0], std: [1, 1, 1], resample: 'nearest' });
  });

  it('notes what it assumed: a resample with no kernel here, no resize, a shortest edge without a crop', () => {
    expect(hfPreprocessing({ size: 224, resample: 1, ...IMAGENET }).notes).toEqual(['resample lanczos has no kernel here: bilinear is used']);
    const unsized = hfPreprocessing({ do_resize: false, ...IMAGENET }, [192, 160]);
    expect(unsized.spec.resize).toEqual({ kind: 'exact', height: 192, width: 160 });
    expect(unsized.notes).toEqual(["no resize in preprocessor_config.json: resized to the model's input 192×160"]);
    const uncropped = hfPreprocessing({ size: { shortest_edge: 224 }, ...IMAGENET });
    expect(uncropped.spec.resize).toEqual({ kind: 'shortest-edge', size: 224, crop: { height: 224, width: 224 }, cropOffset: 'floor' });
    expect(uncropped.notes[0]).toContain('shortest edge 224 without a crop');
  });

  it('says what is wrong', () => {
    expect(() => hfPreprocessing('x')).toThrow('preprocessor_config.json is not a JSON object');
    expect(() => hfPreprocessing({ do_resize: false, ...IMAGENET })).toThrow("no resize and the model's input size is unknown");
    expect(() => hfPreprocessing({ size: 224 })).toThrow('normalises but does not give image_mean and image_std');
    expect(() => hfPreprocessing({ size: 224, image_mean: [0.5, 0.5], image_std: 0.5 })).toThrow('image_mean must be 3 numbers');
    expect(() => hfPreprocessing({ size: { longest_edge: 9 }, ...IMAGENET })).toThrow('has neither height/width nor shortest_edge');
    expect(() => hfPreprocessing({ size: 224, image_mean: 0, image_std: 0 })).toThrow('std 0,0,0 must be above 0');
  });
});

describe('hfOnnxFiles', () => {
  it('lists the dtype siblings in Transformers.js order, with external data, ignoring other graphs', () => {
    const listing = [
      'config.json',
      'onnx/model_uint8.onnx',
      'onnx/model_bnb4.onnx',
      'onnx/model_q4.onnx',
      'onnx/model.onnx',
      'onnx/model.onnx_data',
      'onnx/model_fp16.onnx',
      'onnx/model_quantized.onnx',
      'onnx/model_int8.onnx',
      'onnx/model_q4f16.onnx',
      'onnx/decoder_model.onnx',
      'onnx/model_weird.onnx',
    ];
    const files = hfOnnxFiles(listing);
    expect(files.map((f) => [f.path, f.dtype])).toEqual([
      ['onnx/model.onnx', 'fp32'],
      ['onnx/model_fp16.onnx', 'fp16'],
      ['onnx/model_quantized.onnx', 'q8'],
      ['onnx/model_int8.onnx', 'int8'],
      ['onnx/model_uint8.onnx', 'uint8'],
      ['onnx/model_q4.onnx', 'q4'],
      ['onnx/model_q4f16.onnx', 'q4f16'],
      ['onnx/model_bnb4.onnx', 'bnb4'],
    ]);
    expect(files[0]?.externalData).toBe('onnx/model.onnx_data');
    expect(files[1]).toEqual({ name: 'model_fp16.onnx', path: 'onnx/model_fp16.onnx', dtype: 'fp16', externalData: null });
  });

  it('finds a model.onnx at the root of a dropped folder, and ./-prefixed paths', () => {
    expect(hfOnnxFiles(['model.onnx', './model_fp16.onnx']).map((f) => f.path)).toEqual(['model.onnx', 'model_fp16.onnx']);
    expect(hfOnnxFiles(['config.json'])).toEqual([]);
  });
});

describe('hubFileUrl', () => {
  it('builds the Hub resolve URL', () => {
    expect(hubFileUrl('Xenova/mobilenet_v2_1.0_224', 'onnx/model.onnx')).toBe(
      'https://huggingface.co/Xenova/mobilenet_v2_1.0_224/resolve/main/onnx/model.onnx',
    );
  });

  it('takes a host (a local server laid out like the Hub) and a revision, encoding what needs it', () => {
    expect(hubFileUrl('timm/resnet50.a1_in1k', 'config.json', 'refs/pr/1', 'http://127.0.0.1:4173/')).toBe(
      'http://127.0.0.1:4173/timm/resnet50.a1_in1k/resolve/refs%2Fpr%2F1/config.json',
    );
    expect(hubFileUrl('org/name', 'my dir/a#b.json')).toBe('https://huggingface.co/org/name/resolve/main/my%20dir/a%23b.json');
  });

  it('refuses what is not org/name, and paths that leave the repository', () => {
    for (const id of ['name', 'a/b/c', '-a/b', 'a/b.', 'a--b/c', 'a/b..c', 'a/b c', '', '../x', `a/${'b'.repeat(95)}`]) {
      expect(isHubRepoId(id), id).toBe(false);
      expect(() => hubFileUrl(id, 'config.json')).toThrow('is not a Hugging Face repository id (org/name)');
    }
    for (const id of ['google/mobilenet_v2_1.0_224', 'timm/resnet50.a1_in1k', 'Xenova/vit-base-patch16-224', '_a/b_']) expect(isHubRepoId(id), id).toBe(true);
    expect(() => hubFileUrl('org/name', '../secret')).toThrow('"../secret" is not a file path inside a repository');
    expect(() => hubFileUrl('org/name', 'onnx//model.onnx')).toThrow('is not a file path');
    expect(() => hubFileUrl('org/name', 'config.json', '')).toThrow('a Hub revision cannot be empty');
  });
});
