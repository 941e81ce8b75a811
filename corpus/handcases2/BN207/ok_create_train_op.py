import tensorflow as tf
import tf_slim as slim

x = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={"is_training": is_training})
logits = slim.fully_connected(slim.flatten(x), 10, activation_fn=None)
loss = tf.losses.softmax_cross_entropy(labels, logits)
train_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(1e-3))
