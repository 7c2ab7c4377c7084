"""Demo data: real Veenkoloniën places, fictitious partners and families (`maatwerk demo`)."""
