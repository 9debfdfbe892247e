// Lumen's stand-in (see package.json): Transformers.js in Node would need the real onnxruntime-node.
throw new Error('onnxruntime-node is stubbed out in Lumen: Transformers.js runs in the browser here, on onnxruntime-web.');
