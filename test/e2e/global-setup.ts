export default async function setup() { console.log("site global setup ran"); }
