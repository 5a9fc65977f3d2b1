import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startupSession } from './api';
import { App } from './app';
import './styles.css';

// A returning visitor's session is asked for before the first render, beside the first page's code and data.
void startupSession();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to render Plenary into');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
