/**
 * The few parts of three.js that image/exr.ts and scene/environmentImage.ts use; three ships JavaScript without types, and
 * @types/three would bring its whole API for these lines.
 */
declare module 'three' {
  export const FloatType: number;
  export const HalfFloatType: number;
  export const RGBAFormat: number;
  /** The image loaders' parse() answer, as scene/environmentImage.ts reads it (FloatType: Float32Array RGBA). */
  export interface TextureData {
    width: number;
    height: number;
    data: Float32Array;
  }
  export class DataTexture {
    constructor(data: Float32Array | Uint16Array, width: number, height: number, format: number, type: number);
  }
}

declare module 'three/examples/jsm/exporters/EXRExporter.js' {
  import type { DataTexture } from 'three';
  export const NO_COMPRESSION: number;
  export const ZIP_COMPRESSION: number;
  export class EXRExporter {
    parse(texture: DataTexture, options?: { type?: number; compression?: number }): Promise<Uint8Array>;
  }
}

declare module 'three/examples/jsm/loaders/HDRLoader.js' {
  import type { TextureData } from 'three';
  export class HDRLoader {
    setDataType(type: number): this;
    parse(buffer: ArrayBuffer): TextureData;
  }
}

declare module 'three/examples/jsm/loaders/EXRLoader.js' {
  import type { TextureData } from 'three';
  export class EXRLoader {
    setDataType(type: number): this;
    parse(buffer: ArrayBuffer): TextureData;
  }
}
