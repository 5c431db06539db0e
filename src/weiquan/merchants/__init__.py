"""The merchant registry: one merchant behind many identities, credit profiles, claimants."""
