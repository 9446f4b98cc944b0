"""The seed-paper scenarios, by name (scripts/run_scenario.py)."""
from . import (apb_film_exsolution, nife_fe3o4_looping, ni_srtio3_space_charge,
               pd_ceo2_redispersion)

SCENARIOS = {
    "ni_srtio3_space_charge": ni_srtio3_space_charge,
    "pd_ceo2_redispersion": pd_ceo2_redispersion,
    "nife_fe3o4_looping": nife_fe3o4_looping,
    "apb_film_exsolution": apb_film_exsolution,
}
