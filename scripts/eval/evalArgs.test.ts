import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './evalArgs';

describe('npm run eval --weights', () => {
  it('defaults to float32, takes a variant, and rejects an unknown one by name', () => {
    expect(parseEvalArgs(['--model', 'm']).weights).toBe('float32');
    expect(parseEvalArgs(['--model', 'm', '--weights', 'float16']).weights).toBe('float16');
    expect(() => parseEvalArgs(['--model', 'm', '--weights', 'bf16'])).toThrow(/unknown weights "bf16"/);
  });
});

describe('npm run eval --runtime and --family', () => {
  it('--runtime takes a runtime name and refuses another', () => {
    expect(parseEvalArgs(['--model', 'm', '--runtime', 'ort'])).toMatchObject({ model: 'm', runtime: 'ort', family: null });
    expect(() => parseEvalArgs(['--model', 'm', '--runtime', 'pytorch'])).toThrow(/unknown runtime "pytorch"/);
  });

  it('--family with a bare --agree compares the members; --agree A,B stays for backends', () => {
    expect(parseEvalArgs(['--family', 'f', '--agree'])).toMatchObject({ family: 'f', agreeMembers: true, agree: null });
    expect(parseEvalArgs(['--family', 'f', '--agree', '--limit', '50'])).toMatchObject({ family: 'f', agreeMembers: true, limit: 50 });
    expect(parseEvalArgs(['--family', 'f'])).toMatchObject({ family: 'f', agreeMembers: false });
    expect(parseEvalArgs(['--model', 'm', '--agree', 'wasm,cpu']).agree).toEqual(['wasm', 'cpu']);
    expect(() => parseEvalArgs(['--family', 'f', '--model', 'm'])).toThrow(/either --family/);
    expect(() => parseEvalArgs(['--model', 'm', '--agree'])).toThrow(/bare --agree compares the members/);
  });
});

describe('--center-crop', () => {
  it("alone means torchvision's 0.875; a value is the fraction; anything else is refused", () => {
    expect(parseEvalArgs(['--model', 'm']).cropFraction).toBeNull();
    expect(parseEvalArgs(['--model', 'm', '--center-crop']).cropFraction).toBe(0.875);
    expect(parseEvalArgs(['--model', 'm', '--center-crop', '--limit', '5'])).toMatchObject({ cropFraction: 0.875, limit: 5 });
    expect(parseEvalArgs(['--model', 'm', '--center-crop', '0.9']).cropFraction).toBe(0.9);
    expect(() => parseEvalArgs(['--model', 'm', '--center-crop', '1.5'])).toThrow('fraction in (0, 1]');
  });
});

describe('npm run eval --data', () => {
  it('takes a folder, a model list, corruptions and severities', () => {
    const options = parseEvalArgs(['--data', 'd', '--model', 'a,b', '--corruptions', 'noise,jpeg', '--severities', '0,3', '--labels', 'l.csv']);
    expect(options).toMatchObject({ data: 'd', model: 'a', models: ['a', 'b'], corruptions: ['noise', 'jpeg'], severities: [0, 3], labels: 'l.csv' });
  });

  it('defaults to no corruption, severities 1,3,5', () => {
    expect(parseEvalArgs(['--data', 'd', '--model', 'a'])).toMatchObject({ corruptions: [], severities: [1, 3, 5], labels: null });
  });

  it('refuses unknown kinds, out-of-range severities, and flags of the other modes', () => {
    expect(() => parseEvalArgs(['--data', 'd', '--model', 'a', '--corruptions', 'fog'])).toThrow(/unknown kind "fog"/);
    expect(() => parseEvalArgs(['--data', 'd', '--model', 'a', '--corruptions', 'blur', '--severities', '6'])).toThrow(/0..5/);
    expect(() => parseEvalArgs(['--data', 'd', '--model', 'a', '--severities', '2'])).toThrow(/goes with --corruptions/);
    expect(() => parseEvalArgs(['--data', 'd'])).toThrow(/needs --model/);
    expect(() => parseEvalArgs(['--data', 'd', '--model', 'a', '--images', 'x'])).toThrow(/without/);
    expect(() => parseEvalArgs(['--model', 'a', '--corruptions', 'blur'])).toThrow(/go with --data/);
  });
});
