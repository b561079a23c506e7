"""The coalition's pages: public (`public`), staff and partner screens, dashboard and report."""
