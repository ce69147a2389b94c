// Dev harness entry (not part of the app): see README.md.
import { mount } from 'svelte';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import '../../app.css';
import Harness from './Harness.svelte';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
(window as unknown as Record<string, unknown>).__cspViolations = violations;
const target = document.getElementById('app');
if (!target) throw new Error('no #app');
mount(Harness, { target });
