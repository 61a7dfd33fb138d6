// The Node.js lines Weft runs on, with the first release of each it needs (Prisma 7 needs 20.19 and 22.12; each line
// has its own isolated-vm major). package.json `engines` says the same; a test keeps the two in step.
export const SUPPORTED_NODE_LINES = [
  { major: 20, minor: 19 },
  { major: 22, minor: 12 },
  { major: 24, minor: 0 },
];

/** The same lines as an npm `engines` range: `^20.19.0 || ^22.12.0 || ^24.0.0`. */
export function supportedEnginesRange() {
  return SUPPORTED_NODE_LINES.map(({ major, minor }) => `^${major}.${minor}.0`).join(' || ');
}

/** @param {string} version as in `process.version`, e.g. `v22.12.0` */
export function isSupportedNode(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return SUPPORTED_NODE_LINES.some((line) => line.major === major && minor >= line.minor);
}

export function describeSupportedNode() {
  return SUPPORTED_NODE_LINES.map(({ major, minor }) => (minor ? `${major}.${minor}+` : `${major}`)).join(', ');
}

/** Ends this process with one line when the running Node.js is not one Weft supports. */
export function exitUnlessNodeSupported() {
  if (isSupportedNode(process.version)) return;
  console.error(`[weft] Node.js ${process.version} is not supported: use Node.js ${describeSupportedNode()} (see README).`);
  process.exit(1);
}
