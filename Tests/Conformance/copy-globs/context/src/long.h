src/long.h
