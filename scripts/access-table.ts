/** Writes the route × role table of docs/roles.md from the routes the server declares. */
import { readFileSync, writeFileSync } from 'node:fs';
import { testApp } from '../test/support/app.ts';
import { buildServer } from '../src/http/app.ts';
import { renderAccessTable, withAccessTable } from '../src/modules/identity/access.docs.ts';

const file = new URL('../docs/roles.md', import.meta.url);
const app = await testApp();
const server = await buildServer(app);
writeFileSync(file, withAccessTable(readFileSync(file, 'utf8'), renderAccessTable(server.routeAccess)));
await server.close();
await app.close();
process.stdout.write(`docs/roles.md: ${server.routeAccess.length} routes\n`);
