import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionProvider } from './auth/session';
import { DepartmentsProvider } from './departments';
import { TextsProvider } from './i18n';
import { RouterProvider } from './router';
import './styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <DepartmentsProvider>
      <TextsProvider>
        <SessionProvider>
          <RouterProvider>
            <App />
          </RouterProvider>
        </SessionProvider>
      </TextsProvider>
    </DepartmentsProvider>
  </StrictMode>,
);
