import tensorflow as tf


def build(x, is_training):
    h = tf.contrib.layers.fully_connected(x, 128, activation_fn=None)
    h = tf.contrib.layers.batch_norm(h, is_training=is_training)
    return tf.contrib.layers.fully_connected(tf.nn.relu(h), 10, activation_fn=None)


is_training = tf.placeholder(tf.bool)
logits = build(inputs, is_training)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
train_op = tf.train.AdamOptimizer(1e-4).minimize(loss)  # expect: BN207
