import tensorflow as tf


def build(x, is_training):
    h = tf.contrib.layers.batch_norm(x, is_training=is_training, updates_collections=None)
    return tf.contrib.layers.fully_connected(h, 10)


is_training = tf.placeholder(tf.bool)
loss = tf.reduce_mean(build(inputs, is_training))
train_op = tf.train.AdamOptimizer(1e-4).minimize(loss)
