import { StrictMode } from 'react';
import '../shared/base.css';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from '../shared/ui.tsx';
import { initSession } from '../shared/session.ts';
import { WorkbenchApp } from './App.tsx';

// Each app keeps its own session: a debtor's and a member of staff's never mix in one browser.
initSession('workbench');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <WorkbenchApp />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
