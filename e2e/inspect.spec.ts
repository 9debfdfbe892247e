import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { openOnWasm, requireShared, sharedModel } from './support';

test.describe('Inspect view', () => {
  requireShared();

  test('a layers model: signature, trainable split, layer histogram, a passing forward check, metadata', async ({ page }) => {
    await openOnWasm(page, 'model=mobilenet_v1_025_224_layers&view=inspect');
    const check = page.getByTestId('inspect-check');
    await expect(check).toHaveAttribute('data-status', 'pass');
    expect(Math.abs(Number(await check.getAttribute('data-sum')) - 1)).toBeLessThanOrEqual(1e-3);

    await expect(page.getByTestId('inspect-input')).toHaveAttribute('data-shape', '[null,224,224,3]');
    await expect(page.getByTestId('inspect-output')).toHaveAttribute('data-shape', '[null,1000]');

    const params = page.getByTestId('inspect-params');
    const read = async (attribute: string): Promise<number> => Number(await params.getAttribute(attribute));
    const [total, trainable, nonTrainable] = [await read('data-total'), await read('data-trainable'), await read('data-non-trainable')];
    console.log(`mobilenet_v1_025_224_layers: ${total} parameters, ${trainable} trainable, ${nonTrainable} non-trainable`);
    expect(trainable).toBeGreaterThan(0);
    expect(nonTrainable).toBeGreaterThan(0); // batch-norm moving statistics
    expect(trainable + nonTrainable).toBe(total);

    // The layer count and the Conv2D count must match what model.json lists.
    const json = JSON.parse(readFileSync(resolve(sharedModel('mobilenet_v1_025_224_layers'), 'model.json'), 'utf8')) as {
      modelTopology: { model_config: { config: { layers: { class_name: string }[] } } };
    };
    const layers = json.modelTopology.model_config.config.layers;
    await expect(page.getByTestId('inspect-structure')).toHaveAttribute('data-unit', 'layer');
    await expect(page.getByTestId('inspect-structure')).toHaveAttribute('data-count', String(layers.length));
    const convs = layers.filter((l) => l.class_name === 'Conv2D').length;
    await expect(page.locator('[data-testid=inspect-histogram-row][data-type=Conv2D]')).toHaveAttribute('data-count', String(convs));
    await expect(page.getByTestId('inspect-node').first()).toContainText('InputLayer');

    await expect(page.getByTestId('inspect-engine')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.getByTestId('inspect-cold-start')).toContainText('first inference');
    await expect(page.getByTestId('inspect-load')).toHaveAttribute('data-from-cache', 'false');
    const size = page.getByTestId('inspect-size');
    const disk = Number(await size.getAttribute('data-disk-bytes'));
    console.log(`on disk ${disk} bytes, weights in memory ${await size.getAttribute('data-memory-bytes')} bytes`);
    expect(disk).toBeGreaterThan(1_000_000);
    await expect(page.getByTestId('inspect-metadata')).toHaveAttribute('data-fetched-at', /^\d{4}-\d\d-\d\dT/);
  });

  test('a graph model: ops with Const apart, no trainable split; the cache lists what loaded', async ({ page }) => {
    await openOnWasm(page, 'model=mobilenet_v1_025_224_graph&view=inspect');
    await expect(page.getByTestId('inspect-check')).toHaveAttribute('data-status', 'pass');
    const structure = page.getByTestId('inspect-structure');
    await expect(structure).toHaveAttribute('data-unit', 'op');
    await expect(structure).toContainText('Const nodes');
    await expect(page.locator('[data-testid=inspect-histogram-row][data-type=DepthwiseConv2dNative]')).toHaveAttribute('data-count', '13');
    await expect(page.getByTestId('inspect-params')).toHaveAttribute('data-trainable', '');
    await expect(page.getByTestId('inspect-output')).toHaveAttribute('data-shape', '[null,1001]');
    await expect(page.locator('[data-testid=cache-group][data-key="mobilenet_v1_025_224_graph/1.0.0/"]')).toBeVisible();
  });

  test('a TFLite model: its operators read from the flatbuffer (LiteRT.js exposes no graph), and its weights counted', async ({ page }) => {
    requireShared('mobilenet_v2_100_224_quant_tflite');
    test.setTimeout(120_000);
    await openOnWasm(page, 'model=mobilenet_v2_100_224_quant_tflite&view=inspect');
    await expect(page.getByTestId('inspect-check')).toHaveAttribute('data-status', /pass|fail/);
    const structure = page.getByTestId('inspect-structure');
    await expect(structure).toHaveAttribute('data-unit', 'op');
    // Counts as src/shared/models/tfliteGraph.test.ts checks them: MobileNetV2's 17 bottlenecks, 10 with a residual add.
    await expect(structure).toHaveAttribute('data-count', '66');
    const row = (type: string) => page.locator(`[data-testid=inspect-histogram-row][data-type=${type}]`);
    await expect(row('DEPTHWISE_CONV_2D')).toHaveAttribute('data-count', '17');
    await expect(row('CONV_2D')).toHaveAttribute('data-count', '36');
    await expect(row('ADD')).toHaveAttribute('data-count', '10');
    await expect(page.getByTestId('inspect-node').first()).toContainText('MobilenetV2/Conv/Relu6');
    await expect(page.getByTestId('inspect-params')).toHaveAttribute('data-total', '3489099');
  });
});
