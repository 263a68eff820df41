// Starts dynalite (in memory) on 127.0.0.1 only, tables ACTIVE at once:
//   node dynalite_serve.js DYNALITE_DIR PORT
// (dynalite's own cli.js listens on every interface and keeps new tables
// CREATING for 500 ms.)
const path = require('path');
const [dir, port] = process.argv.slice(2);
const dynalite = require(path.resolve(dir));
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(port), '127.0.0.1', () => {
  console.log('dynalite listening on http://127.0.0.1:' + server.address().port);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
