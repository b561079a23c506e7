"""Web pages of the intake: the step-by-step report form, case tracking, the staff chat simulator.

All three drive the same conversation engine as the LINE bot (`sodsong.watch.conversation`).
"""
