// SPDX-License-Identifier: GPL-2.0
/* POSIX threads, a mutex, thread-local storage, atomics. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static _Thread_local int mine;
static atomic_int total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *work(void *arg)
{
	int i;

	for (i = 0; i < 1000; i++) {
		mine++;
		atomic_fetch_add(&total, 1);
		pthread_mutex_lock(&lock);
		shared++;
		pthread_mutex_unlock(&lock);
	}
	return arg;
}

int main(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, work, NULL);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("%d %d %d\n", atomic_load(&total), shared, mine);
	return 0;
}
