import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App/App';
import { installFaultHook } from './client/faults';
import './ui/styles.css';
import './ui/responsive.css';

installFaultHook(window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
