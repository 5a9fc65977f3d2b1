import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startupSession } from './api';
import { App } from './app';
import { initialLocale, loadCatalogue } from './i18n';
import './styles.css';

// A returning visitor's session is asked for before the first render, beside the first page's code and data,
// and so is the reader's language when it is not English (whose catalogue comes with this code).
void startupSession();
const language = loadCatalogue(initialLocale()).catch((error: unknown) => console.error('The language catalogue did not load; English it is', error));

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to render Plenary into');
const mount = root;

void language.then(() =>
  createRoot(mount).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
