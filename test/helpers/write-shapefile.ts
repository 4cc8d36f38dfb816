import { writeFileSync } from "node:fs";

/** One polygon record: rings of [x, y] (outer ring clockwise, as the shapefile format wants). */
export interface ShapeRecord {
  rings: [number, number][][];
  attributes: Record<string, string>;
}

/**
 * Writes a minimal ESRI shapefile (.shp, .shx, .dbf, optional .prj and .cpg) byte by byte,
 * following the ESRI Shapefile Technical Description (1998) and dBASE III headers.
 */
export function writePolygonShapefile(
  basePath: string,
  records: ShapeRecord[],
  fields: { name: string; length: number }[],
  opts: { prj?: string; cpg?: string } = {},
): void {
  const all = records.flatMap((r) => r.rings.flat());
  const bbox = [
    Math.min(...all.map((p) => p[0])),
    Math.min(...all.map((p) => p[1])),
    Math.max(...all.map((p) => p[0])),
    Math.max(...all.map((p) => p[1])),
  ];
  const contents = records.map((r) => {
    const points = r.rings.flat();
    const b = Buffer.alloc(44 + 4 * r.rings.length + 16 * points.length);
    b.writeInt32LE(5, 0);
    const xs = points.map((p) => p[0]),
      ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
      b.writeDoubleLE(v, 4 + 8 * i),
    );
    b.writeInt32LE(r.rings.length, 36);
    b.writeInt32LE(points.length, 40);
    let start = 0;
    r.rings.forEach((ring, i) => {
      b.writeInt32LE(start, 44 + 4 * i);
      start += ring.length;
    });
    const offset = 44 + 4 * r.rings.length;
    points.forEach((p, i) => {
      b.writeDoubleLE(p[0], offset + 16 * i);
      b.writeDoubleLE(p[1], offset + 16 * i + 8);
    });
    return b;
  });
  const header = (lengthBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    bbox.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
    return h;
  };
  const shpParts: Buffer[] = [];
  const shxParts: Buffer[] = [];
  let offsetBytes = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    shpParts.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offsetBytes / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    shxParts.push(ix);
    offsetBytes += 8 + c.length;
  });
  writeFileSync(`${basePath}.shp`, Buffer.concat([header(offsetBytes), ...shpParts]));
  writeFileSync(`${basePath}.shx`, Buffer.concat([header(100 + 8 * records.length), ...shxParts]));

  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const dbfHeader = Buffer.alloc(32 + 32 * fields.length + 1);
  dbfHeader.writeUInt8(0x03, 0);
  dbfHeader.writeUInt8(124, 1);
  dbfHeader.writeUInt8(1, 2);
  dbfHeader.writeUInt8(1, 3);
  dbfHeader.writeUInt32LE(records.length, 4);
  dbfHeader.writeUInt16LE(dbfHeader.length, 8);
  dbfHeader.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    dbfHeader.write(f.name, o, 10, "latin1");
    dbfHeader.write("C", o + 11, 1, "latin1");
    dbfHeader.writeUInt8(f.length, o + 16);
  });
  dbfHeader.writeUInt8(0x0d, dbfHeader.length - 1);
  const rows = records.map((r) => {
    const row = Buffer.alloc(recordLength, 0x20);
    let o = 1;
    for (const f of fields) {
      const value = Buffer.from(r.attributes[f.name] ?? "", "utf8").subarray(0, f.length);
      value.copy(row, o);
      o += f.length;
    }
    return row;
  });
  writeFileSync(`${basePath}.dbf`, Buffer.concat([dbfHeader, ...rows, Buffer.from([0x1a])]));
  if (opts.prj) writeFileSync(`${basePath}.prj`, opts.prj);
  if (opts.cpg) writeFileSync(`${basePath}.cpg`, opts.cpg);
}
