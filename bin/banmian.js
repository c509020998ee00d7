#!/usr/bin/env node
// The banmian command. The engine is TypeScript; tsx compiles it on the fly (and caches).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
