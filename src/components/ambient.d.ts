/* eslint-disable @typescript-eslint/no-explicit-any -- these modules ship no types: typed loosely on purpose. */
// Modules the browser components import that ship no types (d3 and htl without @types, the
// Framework runtime's stdlib): typed loosely here, so that `npm run typecheck` covers the
// components' own code without adding type packages to the fixed stack.
declare module "d3" {
  const d3: any;
  export = d3;
}
declare module "htl" {
  export const html: (strings: TemplateStringsArray, ...values: unknown[]) => any;
  export const svg: (strings: TemplateStringsArray, ...values: unknown[]) => any;
}
declare module "observablehq:stdlib" {
  export const FileAttachment: (name: string) => {
    href: string;
    json(): Promise<any>;
    arrayBuffer(): Promise<ArrayBuffer>;
  };
}
declare module "topojson-client" {
  export const feature: (topology: any, object: any) => any;
  export const mesh: (topology: any, object?: any, filter?: (a: any, b: any) => boolean) => any;
  export const merge: (topology: any, objects: any[]) => any;
}
