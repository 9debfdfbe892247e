/** LiteRT.js's Emscripten glue as an ES module (scripts/vite/runtimeFiles.ts, litertGlue). */
declare module 'litert-glue:*' {
  const ModuleFactory: (module?: object) => Promise<unknown>;
  export default ModuleFactory;
}
