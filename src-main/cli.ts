#!/usr/bin/env node
// The `lab` command line (grows into the full CLI in the lab-service issue).
const [command] = process.argv.slice(2);
if (command === '--version' || command === 'version') {
  console.log('dl-lab 0.1.0');
} else {
  console.log('usage: dl-lab <command>');
}
