import { StrictMode } from 'react';
import '../shared/base.css';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from '../shared/ui.tsx';
import { WorkbenchApp } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <WorkbenchApp />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
